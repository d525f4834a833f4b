# Shared by the azd hooks (sourced, not run): the hook's name for messages, the Azure CLI check, and
# `value NAME`, which reads a value of the azd environment.
hook=$(basename "$0" .sh)

# require_az WHAT: stop unless the Azure CLI is installed, saying what it is needed for.
require_az() {
  if ! command -v az >/dev/null 2>&1; then
    echo "$hook: the Azure CLI (az) is required to $1" >&2
    exit 1
  fi
}

# azd exports the environment's values to hooks; fall back to asking azd for anything missing.
value() {
  current=$(printenv "$1" || true)
  if [ -z "$current" ] && command -v azd >/dev/null 2>&1; then
    current=$(azd env get-value "$1" 2>/dev/null || true)
  fi
  if [ -z "$current" ]; then
    echo "$hook: $1 is not set in the azd environment (did \`azd provision\` run?)" >&2
    exit 1
  fi
  printf '%s' "$current"
}
