#!/usr/bin/env bash
# tests/packaging/unit-namespace.sh [--protect-kernel-tunables] -- COMMAND...
# Runs COMMAND (as root; it drops to the service user itself) in a private mount namespace that
# imitates the file-system protections packaging/systemd/bunnyd.service asks systemd for, since
# no systemd runs on the build machines:
#   ProtectSystem=strict + ReadWritePaths=/var/lib/bunny, PrivateTmp, ProtectHome,
#   PrivateDevices (a tmpfs /dev holding only the usual nodes) and ProtectKernelModules's
#   inaccessible /usr/lib/modules.
# The settings systemd applies with seccomp (ProtectClock, ProtectKernelModules's syscall part,
# RestrictSUIDSGID, LockPersonality, RestrictAddressFamilies, ...) are not imitated.
# --protect-kernel-tunables adds the read-only /proc/sys of ProtectKernelTunables=yes, which the
# unit leaves out because it stops bubblewrap from mounting /proc in a box: the packaging test
# uses it to show that this imitation catches such a setting.
set -euo pipefail
tunables=no
if [ "${1:-}" = "--protect-kernel-tunables" ]; then tunables=yes; shift; fi
[ "${1:-}" = "--" ] && shift

# Re-exec inside a new mount namespace whose changes never reach the host's.
if [ -z "${BUNNY_UNIT_NAMESPACE:-}" ]; then
    options=()
    [ "$tunables" = yes ] && options=(--protect-kernel-tunables)
    BUNNY_UNIT_NAMESPACE=1 exec unshare --mount --propagation private -- "$0" "${options[@]}" -- "$@"
fi
unset BUNNY_UNIT_NAMESPACE

# PrivateDevices: nodes are bound from the host's /dev into a staging tmpfs moved over /dev.
stage=$(mktemp -d /tmp/bunny-unit-dev.XXXXXX)
mount -t tmpfs -o mode=0755,nosuid tmpfs "$stage"
for node in null zero full random urandom tty; do
    touch "$stage/$node"
    mount --bind "/dev/$node" "$stage/$node"
done
mkdir "$stage/shm" "$stage/pts"
ln -s /proc/self/fd "$stage/fd"
ln -s /proc/self/fd/0 "$stage/stdin"
ln -s /proc/self/fd/1 "$stage/stdout"
ln -s /proc/self/fd/2 "$stage/stderr"
mount --move "$stage" /dev
rmdir "$stage"

# ReadWritePaths: a bind of the data folder onto itself keeps it writable below the read-only /.
mount --bind /var/lib/bunny /var/lib/bunny

# ProtectSystem=strict: every mount read-only but the API file systems (/proc, /sys, /dev, which
# systemd leaves to the Protect* settings) and the ReadWritePaths. Mounts under /mnt and /media
# are not the service's and are left alone.
findmnt -rno TARGET | sort -u | while read -r target; do
    target=$(printf '%b' "$target") # findmnt -r writes a space as \x20
    case $target in
    /proc | /proc/* | /sys | /sys/* | /dev | /dev/* | /var/lib/bunny | /mnt/* | /media/*) continue ;;
    esac
    mount -o remount,bind,ro "$target"
done

# PrivateTmp: an empty /tmp and /var/tmp of its own.
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp

# ProtectHome=yes and ProtectKernelModules=yes: these folders look empty and cannot be entered.
for dir in /home /root /run/user /usr/lib/modules; do
    if [ -d "$dir" ]; then mount -t tmpfs -o ro,mode=0000 tmpfs "$dir"; fi
done

if [ "$tunables" = yes ]; then
    mount --bind /proc/sys /proc/sys
    mount -o remount,bind,ro /proc/sys
fi

exec "$@"
