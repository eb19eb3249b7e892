# Part of ./suite (sourced, not run): the build the suite runs from (Maven; skipped when the jars are newer than the sources).
# Expects the suite's configuration (ROOT, STATE, LOGS, PIDS, ...) and deploy/lib/common.sh.

# ----------------------------------------------------------------------------------------------
# Build
# ----------------------------------------------------------------------------------------------
service_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

kafka_cli_jar() { # the kafka-broker module's jar (the broker CLI), or nothing
    local jar
    for jar in "$ROOT"/deploy/kafka/target/kafka-broker-*.jar; do
        [[ -f $jar && $jar != *-sources.jar ]] && { echo "$jar"; return 0; }
    done
    return 0
}

artifacts() { # every file the suite runs from the build
    local svc
    for svc in "${SERVICES[@]}"; do service_jar "$svc"; done
    local cli
    cli=$(kafka_cli_jar)
    echo "$cli" # an empty line when missing, so build_is_fresh sees it
}

# Fresh when every artifact exists and no main source, pom or wrapper file is newer than what it went into.
# Quarkus rewrites every quarkus-run.jar on each build, so the oldest of them dates the last build; the
# kafka-broker jar is only rewritten when its content changes, so it is compared with its own module only.
build_is_fresh() {
    local svc jar oldest="" kafka_jar
    for svc in "${SERVICES[@]}"; do
        jar=$(service_jar "$svc")
        [[ -f $jar ]] || return 1
        if [[ -z $oldest || $jar -ot $oldest ]]; then oldest=$jar; fi
    done
    kafka_jar=$(kafka_cli_jar)
    [[ -n $kafka_jar && -d $KAFKA_LIB ]] || return 1
    [[ -z $(find "$ROOT" \( -path "$ROOT/.suite" -o -path "$ROOT/.git" -o -path "$ROOT/deploy/kafka" \
        -o -name target -o -name node_modules \) -prune -o \
        -type f \( -path '*/src/main/*' -o -name pom.xml -o -path "$ROOT/.mvn/*" \) -newer "$oldest" -print -quit) ]] &&
    [[ -z $(find "$ROOT/deploy/kafka" -name target -prune -o \
        -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$kafka_jar" -print -quit) ]]
}

up_build() {
    step "Build"
    if [[ ${SUITE_SKIP_BUILD:-0} == 1 ]]; then
        info "skipped (SUITE_SKIP_BUILD=1)"
    elif any_service_running; then
        info "skipped: services are running from the current jars (./suite down first to pick up code changes)"
    elif [[ ${SUITE_FORCE_BUILD:-0} != 1 ]] && build_is_fresh; then
        ok "up to date (jars newer than every source file; SUITE_FORCE_BUILD=1 rebuilds)"
    else
        info "./mvnw -q -B -DskipTests install (log: .suite/logs/build.log)"
        local t0
        t0=$(now_ms)
        if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests install) >"$LOGS/build.log" 2>&1; then
            tail -n 40 "$LOGS/build.log" >&2
            die "build failed (see .suite/logs/build.log)"
        fi
        ok "built in $(seconds_since "$t0") s"
    fi
    local jar
    while read -r jar; do
        [[ -n $jar && -f $jar ]] || die "missing build output ${jar:-deploy/kafka/target/kafka-broker-*.jar}; run without SUITE_SKIP_BUILD"
    done < <(artifacts)
    [[ -d $KAFKA_LIB ]] || die "missing $KAFKA_LIB; run without SUITE_SKIP_BUILD"
}

