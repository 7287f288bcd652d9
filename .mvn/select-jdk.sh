# Sourced by ./mvnw before anything else. Accueil is built and run with a JDK >= 21, while many
# machines (these CI hosts included) still default to 17. Keep JAVA_HOME when it already points
# to a JDK >= 21; otherwise use the newest JDK >= 21 found in the usual install locations.
# ACCUEIL_SKIP_JDK_SELECT=1 turns this off.

accueil_jdk_major() {
  # The "release" file of every OpenJDK build says JAVA_VERSION="25.0.1" (or "1.8.0_x").
  [ -f "$1/release" ] && [ -x "$1/bin/javac" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

accueil_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    major=$(accueil_jdk_major "$JAVA_HOME" || true)
    [ -n "$major" ] && [ "$major" -ge 21 ] && return 0
  fi
  best="" best_major=0
  set +f
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/*; do
    [ -d "$candidate" ] || continue
    [ -L "$candidate" ] && continue
    major=$(accueil_jdk_major "$candidate" || true)
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME="$best"
    export JAVA_HOME
  else
    echo "Accueil needs a JDK 21 or newer; none was found (JAVA_HOME=${JAVA_HOME-unset})." >&2
    echo "Install one (e.g. Temurin 21 or 25) or point JAVA_HOME at it." >&2
    exit 1
  fi
}

[ "${ACCUEIL_SKIP_JDK_SELECT-}" = 1 ] || accueil_select_jdk
