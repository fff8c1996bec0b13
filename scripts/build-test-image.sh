#!/usr/bin/env bash
# Builds the local agent image the runner tests use, without any registry: Debian's static
# busybox with its applet links, and an agent command that runs the task as a shell script.
#   scripts/build-test-image.sh [image]      (default raworc-test-agent:latest)
set -euo pipefail

image=${1:-raworc-test-agent:latest}
busybox=/bin/busybox
if ! "$busybox" --list >/dev/null 2>&1; then
    echo "No busybox at $busybox: apt-get install -y busybox-static" >&2
    exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/session" "$root/tmp" "$root/usr/local/bin" "$root/etc"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
chmod 1777 "$root/tmp"
echo "root:x:0:0:root:/session:/bin/sh" > "$root/etc/passwd"

# The agent contract: the task arrives on standard input; standard output is the reply; a
# non-zero exit marks the reply as an error. This agent runs the task as a shell script.
cat > "$root/usr/local/bin/raworc-agent" <<'AGENT'
#!/bin/sh
cd /session && exec /bin/sh -s
AGENT
chmod 755 "$root/usr/local/bin/raworc-agent"

# The container only idles between tasks; it exits at once on SIGTERM (busybox sleep alone would not).
tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/bin' \
    --change 'WORKDIR /session' \
    --change 'CMD ["/bin/sh", "-c", "trap \"exit 0\" TERM; while :; do sleep 1 & wait $!; done"]' \
    - "$image" >/dev/null
echo "Built $image"
