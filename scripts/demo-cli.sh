#!/usr/bin/env bash
# The command-line tour: builds the `jianbao` CLI and walks through a demo on an
# embedded SQLite workspace — the five campaigns, a fictional 鄂尔多斯 2021 packet with real photos and
# documents, imported into the workspace and exported back.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cc >/dev/null || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"; $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 update -qq; $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 install -y -qq build-essential >/dev/null; }
cargo build --locked -q
bin=target/debug/jianbao
demo="${JIANBAO_DEMO_DIR:-$PWD/target/demo}"
rm -rf "$demo"
export JIANBAO_HOME="$demo/workspace"

echo "== 活动配置 (campaign profiles)"
"$bin" profiles
echo; echo "== 鄂尔多斯 2021 的规则 (rules of ordos-2021-zuimei)"
"$bin" profile show ordos-2021-zuimei | head -40
echo "…"; echo; echo "== 生成示例报送数据 (sample packet)"
"$bin" sample ordos-2021-zuimei --out "$demo/sample"
ls -l "$demo/sample/media" "$demo/sample/documents"
echo; echo "== 检查 (check every rule of the notice)"
"$bin" check "$demo/sample/packet.json"
echo; echo "== 照片与文件的真实参数 (inspect by content)"
"$bin" inspect "$demo/sample/media/王海涛1.jpg" "$demo/sample/documents/王海涛-无违法犯罪证明.pdf"
echo; echo "== 生成推荐表、汇总表 (render the forms: PDF/A, Word, Excel)"
"$bin" keygen --out "$demo/keys"
"$bin" render "$demo/sample/packet.json" --out "$demo/forms"
echo; echo "== 导出签名报送包并校验 (signed bundle, verified)"
"$bin" export "$demo/sample/packet.json" --key "$demo/keys/jianbao.key" --out "$demo/bundle"
"$bin" verify "$demo"/bundle/*.zip --pubkey "$demo/keys/jianbao.pub"
echo; echo "== 导入工作区 (import into the workspace at $JIANBAO_HOME)"
"$bin" workspace import "$demo/sample/packet.json"
"$bin" workspace list
echo; echo "== 导出 (export back to a packet)"
"$bin" workspace export --out "$demo/exported"
echo; echo "Demo files: $demo"
