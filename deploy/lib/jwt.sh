# Dev RS256 tokens, signed with openssl. Sourced by ./suite and the benchmark scripts.
# jwt_keys DIR          -> creates DIR/jwt-private.pem and DIR/jwt-public.pem when absent
# jwt_sign KEY SUB GROUPS_JSON [TTL_SECONDS] -> prints a token (issuer https://auth.inbo.app)

jwt_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

jwt_keys() {
    local dir=$1
    mkdir -p "$dir"
    if [[ ! -s $dir/jwt-private.pem ]]; then
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
        chmod 600 "$dir/jwt-private.pem"
        rm -f "$dir/jwt-public.pem"
    fi
    if [[ ! -s $dir/jwt-public.pem ]]; then
        openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
    fi
}

jwt_sign() {
    local key=$1 sub=$2 groups=$3 ttl=${4:-86400}
    local iat exp header payload signature
    iat=$(date +%s)
    exp=$((iat + ttl))
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | jwt_b64url)
    payload=$(printf '{"iss":"https://auth.inbo.app","sub":"%s","upn":"%s","groups":%s,"iat":%d,"exp":%d,"jti":"%s"}' \
        "$sub" "$sub" "$groups" "$iat" "$exp" "$(cat /proc/sys/kernel/random/uuid)" | jwt_b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | jwt_b64url)
    printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}
