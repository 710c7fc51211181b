#!/usr/bin/env bash
# Runs every test of RoCoIn Studio, one test assembly at a time, and ends with "N passed, N failed".
# Installs what is missing first: Debian's chromium for the browser tests, dataset-fashion-mnist and redis-server.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

results="TestResults"
trx_dir="$results/trx"

summary() {   # passed failed
    echo "$1 passed, $2 failed"
}

install_missing() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    # The full Fashion-MNIST; without it distillation falls back to the committed subset.
    [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
    # The SignalR backplane tests start their own redis-server on a loopback port (ADR-012).
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

if ! install_missing; then
    echo "Could not install the system packages the tests need (see above)." >&2
    summary 0 1
    exit 1
fi

rm -rf "$trx_dir" "$results/screenshots"
mkdir -p "$trx_dir"

echo "Building the solution..."
if ! dotnet build RoCoIn.sln -nodeReuse:false -v:q -nologo; then
    echo "The build failed; no test ran." >&2
    summary 0 1
    exit 1
fi

status=0
passed=0
failed=0
# One assembly at a time: the machine has 2 cores and the browser tests want one of them.
for project in tests/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    echo "=== $name"
    dotnet test "$project" --no-build -nodeReuse:false --logger "trx;LogFileName=$name.trx" --results-directory "$trx_dir" || status=1
    trx="$trx_dir/$name.trx"
    if [ ! -f "$trx" ]; then
        echo "$name produced no results: counted as one failure." >&2
        failed=$((failed + 1))
        status=1
        continue
    fi
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
done

dotnet build-server shutdown >/dev/null 2>&1 || true
[ "$failed" -gt 0 ] && status=1
echo "Screenshots of the browser tests: $results/screenshots"
summary "$passed" "$failed"
exit "$status"
