# Shared helpers of the run and test commands. Sourced, not run.

# Prints the java executable of a JDK >= $1: JAVA_HOME, the java on PATH, then the JDKs under /usr/lib/jvm.
find_java() {
  local wanted=$1 candidate version
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$version" ] && [ "${version%%.*}" -ge "$wanted" ]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "No JDK $wanted or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk'." >&2
  return 1
}

# Installs a Debian package when a command is missing, saying so; uses sudo when not root.
ensure_command() {
  local command=$1 package=$2 sudo=""
  command -v "$command" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo ">> '$command' is missing: installing the Debian package '$package' (apt-get) ..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1 || { echo "Could not install $package" >&2; return 1; }
  echo ">> installed $package"
}

# True when a module's jar is missing or a source file or pom is newer than the last build.
needs_build() {
  local stamp=local-stack/target/.built
  [ -f "$stamp" ] || return 0
  for module in assignment-service notification-streams push-service event-archive; do
    ls "$module"/target/"$module"-*.jar >/dev/null 2>&1 || return 0
  done
  [ -d connect-worker/target/lib ] && [ -d sns-sink-connector/target/plugin ] || return 0
  [ -n "$(find . \( -path ./.stack-data -o -path ./.git -o -name node_modules -o -name target \) -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -path './*/config/*' \) -newer "$stamp" -print -quit)" ]
}
