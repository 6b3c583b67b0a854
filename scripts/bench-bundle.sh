#!/usr/bin/env bash
# Export and verify on the same 1 GiB of media, against the standard tools doing the least they could:
# export vs `sha256sum` + `cp` of the same files; verify vs `sha256sum -c` and `bagit.py --validate`;
# and the peak memory (RSS) of export, which should stay flat (under 100 MiB) whatever the media size.
# Needs: a release build (made here), GNU time (`time` package), bagit.py, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/jianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
size_mib=${SIZE_MIB:-1024}
"$bin" sample ordos-2021-zuimei --out "$work/p" >/dev/null
# A 1 GiB MP4: a real container (from the fuzz seed) around random media data.
python3 scripts/make-mp4.py "$work/p/media/王海涛视频1.mp4" "$size_mib"
python3 - "$work/p/packet.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["candidates"][0]["media"].append({"slot": "video", "path": "media/王海涛视频1.mp4"})
json.dump(p, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$bin" keygen --out "$work/k" >/dev/null
total=$(du -sb "$work/p" | cut -f1)
sync
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc -l; }
export_s=$(t /usr/bin/time -v -o "$work/rss" "$bin" export "$work/p/packet.json" --key "$work/k/jianbao.key" --out "$work/out")
rss=$(grep "Maximum resident" "$work/rss" | awk '{print $6}')
cp_s=$(t bash -c "find '$work/p' -type f -print0 | xargs -0 sha256sum > '$work/sums' && cp -r '$work/p' '$work/copy'")
zip=$(ls "$work"/out/*.zip)
verify_s=$(t "$bin" verify "$zip")
mkdir "$work/x" && (cd "$work/x" && unzip -q "$zip")
bag=$(ls -d "$work"/x/*)
sumc_s=$(t bash -c "cd '$bag' && sha256sum -c manifest-sha256.txt")
bagit_s=$(t bagit.py --validate --processes 1 "$bag")
printf 'media and forms: %.0f MiB\n' "$(echo "$total / 1048576" | bc -l)"
printf 'export:                  %6.2f s   (peak RSS %.0f MiB)\n' "$export_s" "$(echo "$rss / 1024" | bc -l)"
printf 'sha256sum + cp:          %6.2f s\n' "$cp_s"
printf 'verify (zip, in place):  %6.2f s\n' "$verify_s"
printf 'sha256sum -c (unzipped): %6.2f s\n' "$sumc_s"
printf 'bagit.py --validate:     %6.2f s\n' "$bagit_s"
