#!/usr/bin/env bash
# Fetches what generates the Kotlin SDK into tools/bin, from Maven Central,
# each file checked against the SHA-256 pinned here: protoc (its built-in
# java and kotlin outputs), protoc-gen-grpc-java, and protoc-gen-grpc-kotlin
# (a jar, run by a small wrapper with the JDK). Idempotent; needs curl and,
# to run the Kotlin plugin, java.
set -euo pipefail
cd "$(dirname "$0")/.."

CENTRAL=${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}
# Versions match clients/kotlin/pom.xml (protobuf 4.36.2, grpc 1.82.2, grpc-kotlin 1.5.0).
fetch() {
  local path=$1 sha256=$2 out=$3
  if [ -f "$out" ] && echo "$sha256  $out" | sha256sum -c --quiet >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$(dirname "$out")"
  curl -fsSL --retry 3 --max-time 300 -o "$out.part" "$CENTRAL/$path"
  if ! echo "$sha256  $out.part" | sha256sum -c --quiet >/dev/null 2>&1; then
    echo "kotlin-tools: $path does not have the pinned SHA-256" >&2
    rm -f "$out.part"
    exit 1
  fi
  mv "$out.part" "$out"
}

fetch com/google/protobuf/protoc/4.36.2/protoc-4.36.2-linux-x86_64.exe \
  f6ee22d65361338459208da8bff801c9ca689741cba9187b34990dd45198f864 tools/bin/protoc
fetch io/grpc/protoc-gen-grpc-java/1.82.2/protoc-gen-grpc-java-1.82.2-linux-x86_64.exe \
  e522a96ed569af13405e1cea38370f67e23b53cd514a310b590290ef5fe5605e tools/bin/protoc-gen-grpc-java
fetch io/grpc/protoc-gen-grpc-kotlin/1.5.0/protoc-gen-grpc-kotlin-1.5.0-jdk8.jar \
  da938e9047a7973d53916eee33a1465adce1e72dce75127474b8808388023026 tools/bin/protoc-gen-grpc-kotlin.jar
chmod +x tools/bin/protoc tools/bin/protoc-gen-grpc-java
cat > tools/bin/protoc-gen-grpc-kotlin <<'WRAPPER'
#!/bin/sh
exec java -jar "$(dirname "$0")/protoc-gen-grpc-kotlin.jar" "$@"
WRAPPER
chmod +x tools/bin/protoc-gen-grpc-kotlin
