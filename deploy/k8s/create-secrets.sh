#!/usr/bin/env bash
# Creates the two secrets the services mount (never committed):
#   inbo-jwt            public.pem: the key user tokens (and service tokens) are verified with
#   inbo-service-token  private.pem: the key the experience service signs its service tokens with
# Usage: deploy/k8s/create-secrets.sh NAMESPACE [VERIFICATION_PUBLIC_KEY_PEM SERVICE_PRIVATE_KEY_PEM]
# With the two files: the identity provider's public key and the private key it issued to the services (service
# tokens must verify with the same key as user tokens, MP_JWT_VERIFY_PUBLICKEY_LOCATION). Without them: a new key
# pair for both, for a dev cluster (tokens for it: deploy/lib/jwt.sh's jwt_sign with the private key, kept in
# ./inbo-keys-NAMESPACE/, outside the repository's tracked files).
set -euo pipefail
namespace=${1:?usage: $0 NAMESPACE [VERIFICATION_PUBLIC_KEY_PEM SERVICE_PRIVATE_KEY_PEM]}
public=${2:-}
private=${3:-}
if [[ -z $public ]]; then
    source "$(dirname "$0")/../lib/jwt.sh"
    dir="inbo-keys-$namespace"
    jwt_keys "$dir"
    public="$dir/jwt-public.pem"
    private="$dir/jwt-private.pem"
    echo "generated a key pair in $dir/ (keep it out of version control)"
fi
[[ -s $public && -s $private ]] || { echo "missing key file" >&2; exit 1; }
kubectl -n "$namespace" create secret generic inbo-jwt --from-file=public.pem="$public" \
    --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$namespace" create secret generic inbo-service-token --from-file=private.pem="$private" \
    --dry-run=client -o yaml | kubectl apply -f -
