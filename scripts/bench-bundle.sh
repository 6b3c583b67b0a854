#!/usr/bin/env bash
# Export, verify and import on the same media (1 GiB by default), each against the standard tools
# doing the least they could, in one run, medians of RUNS runs (warm page cache on both sides):
#   export  vs  cp -r of the packet folder + sync      (target ≤ 1.15×)
#   verify  vs  openssl dgst -sha256 of the zip          (target ≤ 0.6×)
#   verify  vs  bagit.py --validate of the unzipped bag  (target ≤ 0.5×)
#   import  vs  unzip + sync                             (target ≤ 1.1×)
# and the peak memory (RSS) of each, which should stay under 100 MiB whatever the media size.
# The media are VIDEOS videos of SIZE_MIB/VIDEOS MiB each (a real MP4 container around random data).
# Needs: a release build (made here), GNU time, openssl, unzip, bagit.py, python3, bc.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/jianbao
mkdir -p target
work=$(mktemp -d -p "$PWD/target" bench-bundle.XXXX)   # on the project's disk, not a tmpfs
trap 'rm -rf "$work"' EXIT
size_mib=${SIZE_MIB:-1024}
videos=${VIDEOS:-4}
runs=${RUNS:-3}
"$bin" sample ordos-2021-zuimei --out "$work/p" >/dev/null
for i in $(seq "$videos"); do
  python3 scripts/make-mp4.py "$work/p/media/王海涛视频$i.mp4" $((size_mib / videos))
done
python3 - "$work/p/packet.json" "$videos" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
for i in range(1, int(sys.argv[2]) + 1):
    p["candidates"][0]["media"].append({"slot": "video", "path": f"media/王海涛视频{i}.mp4"})
json.dump(p, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$bin" keygen --out "$work/k" >/dev/null
total=$(du -sb "$work/p" | cut -f1)
sync
t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A T
for r in $(seq "$runs"); do
  rm -rf "$work/out" "$work/copy" "$work/ws" "$work/x" "$work/y"; sync
  T[export]+="$(t bash -c "'$bin' export '$work/p/packet.json' --key '$work/k/jianbao.key' --out '$work/out' && sync")"$'\n'
  T[cp]+="$(t bash -c "cp -r '$work/p' '$work/copy' && sync")"$'\n'
  zip=$(ls "$work"/out/*.zip)
  T[verify]+="$(t "$bin" verify "$zip")"$'\n'
  T[openssl]+="$(t openssl dgst -sha256 "$zip")"$'\n'
  mkdir "$work/x" && (cd "$work/x" && unzip -q "$zip")
  bag=$(ls -d "$work"/x/*)
  T[bagit]+="$(t bagit.py --validate "$bag")"$'\n'
  T[import]+="$(t bash -c "'$bin' --workspace '$work/ws' import '$zip' && sync")"$'\n'
  T[unzip]+="$(t bash -c "unzip -q '$zip' -d '$work/y' && sync")"$'\n'
done
m() { printf '%s' "${T[$1]}" | median; }
rss() { /usr/bin/time -v -o "$work/rss" "$@" >/dev/null 2>&1; awk '/Maximum resident/ {printf "%.0f", $6 / 1024}' "$work/rss"; }
rm -rf "$work/out" "$work/ws"
rss_export=$(rss "$bin" export "$work/p/packet.json" --key "$work/k/jianbao.key" --out "$work/out")
zip=$(ls "$work"/out/*.zip)
rss_verify=$(rss "$bin" verify "$zip")
rss_import=$(rss "$bin" --workspace "$work/ws" import "$zip")
ratio() { echo "$(m "$1") / $(m "$2")" | bc -l; }
printf 'media and forms: %.0f MiB (%s videos), %s runs, medians\n' "$(echo "$total / 1048576" | bc -l)" "$videos" "$runs"
printf '| step | Jianbao | baseline | ratio | target | peak RSS |\n| --- | --- | --- | --- | --- | --- |\n'
printf '| export (+ sync) | %.2f s | cp -r + sync %.2f s | %.2f× | ≤ 1.15× | %s MiB |\n' "$(m export)" "$(m cp)" "$(ratio export cp)" "$rss_export"
printf '| verify | %.2f s | openssl dgst -sha256 %.2f s | %.2f× | ≤ 0.6× | %s MiB |\n' "$(m verify)" "$(m openssl)" "$(ratio verify openssl)" "$rss_verify"
printf '| verify | %.2f s | bagit.py --validate %.2f s | %.2f× | ≤ 0.5× | |\n' "$(m verify)" "$(m bagit)" "$(ratio verify bagit)"
printf '| import (+ sync) | %.2f s | unzip + sync %.2f s | %.2f× | ≤ 1.1× | %s MiB |\n' "$(m import)" "$(m unzip)" "$(ratio import unzip)" "$rss_import"
