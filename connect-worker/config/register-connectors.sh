#!/bin/sh
# Registers docker-compose.yml's connectors as the local stack does (com.fieldservice.stack.Connectors): each
# checked-in JSON configuration, its ${VARIABLES} filled in from this environment, is PUT to
# $CONNECT_URL/connectors/NAME/config (creates or updates it); then waits until every connector and its tasks run.
# Usage: register-connectors.sh NAME=FILE...   (POSIX sh and curl: runs in the curlimages/curl image)
set -eu

connect_url=${CONNECT_URL:-http://connect:8083}

# Prints FILE with every ${VARIABLE} replaced by its value, escaped for a JSON string; fails on an unset one.
# A property whose whole value is a variable set to empty is left out: empty means "not set" (AWS's own endpoints),
# which the SNS sink reads either way but Iceberg's S3FileIO would take an empty s3.endpoint for an endpoint URI.
fill() {
	json=$(cat "$1")
	for name in $(grep -o '\${[A-Z0-9_][A-Z0-9_]*}' "$1" | sed 's/^\${\(.*\)}$/\1/' | sort -u); do
		eval "defined=\${$name+yes}"
		if [ -z "$defined" ]; then
			echo "No value for \${$name} in $1" >&2
			return 1
		fi
		eval "value=\${$name}"
		if [ -z "$value" ]; then
			json=$(printf '%s\n' "$json" | sed "/^[[:space:]]*\"[^\"]*\":[[:space:]]*\"\\\${$name}\",[[:space:]]*\$/d")
		fi
		escaped=$(printf '%s' "$value" | sed -e 's/[\\"]/\\&/g' -e 's/[\\&|]/\\&/g')
		json=$(printf '%s\n' "$json" | sed "s|\\\${$name}|$escaped|g")
	done
	printf '%s\n' "$json"
}

register() {
	config=$(fill "$2")
	attempt=1
	# A worker that has just joined its group answers 409 until the rebalance is over.
	until response=$(printf '%s\n' "$config" | curl -sS --fail-with-body -X PUT -H 'Content-Type: application/json' \
		--data-binary @- "$connect_url/connectors/$1/config"); do
		echo "Connect refused connector $1 (attempt $attempt): $response" >&2
		if [ "$attempt" -ge 20 ]; then
			return 1
		fi
		attempt=$((attempt + 1))
		sleep 3
	done
	echo "Registered connector $1 from $2"
}

await_running() {
	attempt=1
	while [ "$attempt" -le 60 ]; do
		status=$(curl -sS "$connect_url/connectors/$1/status" || true)
		states=$(printf '%s' "$status" | grep -o '"state":"[A-Z]*"' | sort -u)
		case $states in
		*FAILED*)
			echo "Connector $1 failed: $status" >&2
			return 1
			;;
		esac
		if [ "$states" = '"state":"RUNNING"' ] && ! printf '%s' "$status" | grep -q '"tasks":\[\]'; then
			echo "Connector $1 and its tasks run"
			return 0
		fi
		attempt=$((attempt + 1))
		sleep 2
	done
	echo "Connector $1 did not start: $status" >&2
	return 1
}

if [ $# -eq 0 ]; then
	echo "Usage: $0 NAME=FILE..." >&2
	exit 2
fi
for connector in "$@"; do
	register "${connector%%=*}" "${connector#*=}"
done
for connector in "$@"; do
	await_running "${connector%%=*}"
done
