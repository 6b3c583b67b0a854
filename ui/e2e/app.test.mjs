// End-to-end tests in the real window: the built app under Xvfb, driven through tauri-driver and
// WebKitWebDriver. A unit secretary adds and fills in a candidate, attaches generated photos, sees a
// finding and fixes it, exports a signed bundle to a "USB" folder (verified afterwards with the CLI);
// an organiser imports it and exports the merged 汇总表. Screenshots go to ui/e2e/screenshots (ignored).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, writePicks } from "./webdriver.mjs";
import { wizardToUsb } from "./steps.mjs";

const root = resolve(import.meta.dirname, "../..");
const app = join(root, "target/debug/jianbao-app");
const cli = join(root, "target/debug/jianbao");
const shots = join(root, "ui/e2e/screenshots");
const work = mkdtempSync(join(tmpdir(), "jianbao-e2e-"));
const timings = {};

// Generated material: the Ordos sample's second persona (其其格) with real photos and documents.
execFileSync(cli, ["sample", "ordos-2021-zuimei", "--out", join(work, "sample")]);
const packet = JSON.parse(readFileSync(join(work, "sample/packet.json"), "utf8"));
const person = packet.candidates[1];
const file = (p) => join(work, "sample", p);
const usb = join(work, "usb");

/** Fills one field of the open candidate form the way a person would. */
async function fill(s, cid, field, value) {
  const sel = `[data-field="${cid}:${field}"]`;
  const kind = await s.exec(
    `const el = document.querySelector(arguments[0]); if (!el) return null;
     el.scrollIntoView({block: "center"});
     if (el.querySelector(".history")) return "history";
     if (el.querySelector(".date")) return "date";
     if (el.querySelector(".checks")) return "checks";
     if (el.querySelector("textarea")) return "textarea";
     if (el.querySelector("select")) return "select";
     if (el.querySelector("input")) return "input";
     return "other";`,
    [sel],
  );
  if (kind === "input") await s.type(`${sel} input`, value);
  else if (kind === "select") await s.click(`${sel} select option[value="${value}"]`);
  else if (kind === "checks") {
    for (const v of value) {
      const labels = await s.findAll(`${sel} label.check`);
      for (const l of labels) if ((await s.text(l)).trim() === v) await s.click(l);
    }
  } else if (kind === "date") await pickDate(s, `${sel} .date`, value);
  else if (kind === "textarea") {
    // Long text is pasted, as people paste 事迹 from a Word file: the first characters typed, the rest
    // inserted at once, then one more keystroke.
    await s.type(`${sel} textarea`, value.slice(0, 4));
    await s.exec(
      `const t = document.querySelector(arguments[0]); t.value = arguments[1];
       t.dispatchEvent(new Event("input", {bubbles: true}));`,
      [`${sel} textarea`, value.slice(0, -1)],
    );
    await s.type(`${sel} textarea`, value.slice(-1), { clear: false });
  } else if (kind === "history") {
    for (let i = 0; i < value.length; i++) {
      await s.click(`${sel} .history > button`);
      const row = `${sel} tbody tr:nth-child(${i + 1})`;
      await s.wait(`${row} .date`);
      const cols = Object.keys(value[i]);
      for (const [c, v] of Object.entries(value[i])) {
        const cell = `${row} td:nth-child(${cols.indexOf(c) + 1})`;
        const isDate = (await s.findAll(`${cell} .date`)).length > 0;
        if (isDate) await pickDate(s, `${cell} .date`, v);
        else await s.type(`${cell} input`, v);
      }
    }
  }
}

async function pickDate(s, sel, value) {
  if (!/\d/.test(value)) {
    await s.click(`${sel} select:nth-of-type(1) option[value="present"]`);
    return;
  }
  const [y, m, d] = value.match(/\d+/g).map(Number);
  await s.click(`${sel} select:nth-of-type(1) option[value="${y}"]`);
  await s.click(`${sel} select:nth-of-type(2) option[value="${m}"]`);
  if (d) await s.click(`${sel} select:nth-of-type(3) option[value="${d}"]`);
}

const rail = (s) => s.exec(`return [...document.querySelectorAll("[data-testid=findings-rail] .finding")].map(e => e.textContent)`);

test("a unit secretary fills, checks, fixes and exports a signed bundle", { timeout: 300000 }, async () => {
  const picks = join(work, "picks-unit.txt");
  writePicks(picks, [
    [file(person.media[0].path)],
    person.media.slice(1).map((m) => file(m.path)),
    [file(person.documents[0].path)],
    [file(person.documents[1].path)],
    [usb],
  ]);
  const s = await launch({ app, port: 4444, env: { JIANBAO_HOME: join(work, "unit-ws"), JIANBAO_TEST_PICKS: picks } });
  try {
    await s.wait("[data-testid=start] .choice");
    timings.startToInteractiveMs = Math.round(performance.now() - s.started);
    await s.wait("[data-testid=sample-banner]", { timeout: 60000 });
    timings.startToExampleReadyMs = Math.round(performance.now() - s.started);
    await s.screenshot(shots, "01-start");

    await s.click("[data-testid^=\"open-unit-\"]");
    await s.wait("[data-testid=candidate-form]");
    await s.wait("[data-testid=quota]", { text: "1 / 2" });
    await s.screenshot(shots, "02-unit-sample");

    await s.click("[data-testid=add-candidate]");
    await s.wait("[data-testid=quota]", { text: "2 / 2" });
    const cid = await s.exec(`return document.querySelector("[data-testid=candidate-form] [data-field]").dataset.field.split(":")[0]`);
    // A fresh candidate reads as what is left to fill, not as a wall of red errors.
    await s.wait("[data-testid=status-to-fill]", { text: /还需填写 \d+ 项/ });
    const redMissing = await s.exec(`return document.querySelectorAll("[data-testid=findings-rail] .finding.error [data-code=field-required]").length`);
    assert.equal(redMissing, 0, "nothing typed yet is not an error yet");
    await s.screenshot(shots, "02b-new-candidate");

    // A typo in the mobile number is a finding that names the field …
    await fill(s, cid, "name", person.fields.name);
    await fill(s, cid, "mobile", "1504771234");
    const mobileFinding = await s.wait("[data-testid=findings-rail] .finding.error", { text: /有效的手机号码/ });
    await s.screenshot(shots, "03-finding");
    // … clicking it jumps to the field; fixing it makes it go away.
    const before = (await rail(s)).filter((t) => t.includes("有效的手机号码")).length;
    assert.ok(before > 0);
    await s.click(mobileFinding);
    let focused = null;
    for (let i = 0; i < 30 && focused !== `${cid}:mobile`; i++) {
      await new Promise((r) => setTimeout(r, 100));
      focused = await s.exec("return document.activeElement?.closest('[data-field]')?.dataset.field ?? null");
    }
    assert.equal(focused, `${cid}:mobile`, "the finding jumps to its field");
    await fill(s, cid, "mobile", person.fields.mobile);
    for (let i = 0; i < 100 && (await rail(s)).some((t) => t.includes("有效的手机号码")); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await rail(s)).filter((t) => t.includes("有效的手机号码")).length, 0);

    for (const [k, v] of Object.entries(person.fields)) {
      if (k === "name" || k === "mobile") continue;
      await fill(s, cid, k, v);
    }
    // The live counter counts the pasted 事迹.
    await s.wait(`[data-testid="f-${cid}-main_deeds-counter"]`, { text: /\d{3,}/ });

    // Generated photos and documents, through the file dialog.
    await s.click("[data-testid=choose-id_photo]");
    await s.wait(`[data-slot="${cid}:id_photo"] .file`);
    await s.click("[data-testid=choose-photo]");
    await s.wait(`[data-slot="${cid}:photo"] .file:nth-child(3)`);
    await s.click("[data-testid=choose-no_crime_certificate]");
    await s.wait(`[data-slot="${cid}:no_crime_certificate"] .file`);
    await s.click("[data-testid=choose-signed_form_scan]");
    await s.wait(`[data-slot="${cid}:signed_form_scan"] .file`);
    await s.wait(`[data-slot="${cid}:id_photo"] .chip.ok`);

    // Nothing left to fix.
    await s.wait("[data-testid=statusbar] .count-text.error", { text: /^0 /, timeout: 30000 });
    await s.exec(`document.querySelector("[data-testid=candidate-form]").scrollIntoView()`);
    await s.screenshot(shots, "04-candidate-filled");

    await s.click("[data-testid=nav-preview]");
    await s.click("[data-testid=preview-make]");
    await s.wait("[data-testid=pdf-pages][data-rendered]", { timeout: 60000 });
    await s.screenshot(shots, "05-preview");

    // Export: check, key, USB, progress, done.
    await s.click("[data-testid=nav-export]");
    await s.click("[data-testid=export-start]");
    await s.wait("[data-testid=wizard-check]");
    await s.screenshot(shots, "06-wizard-check");
    const keyId = await wizardToUsb(s, usb);
    assert.match(keyId, /^[0-9A-F]{16}$/);
    // A mistyped recipient is refused in words before anything is written; cleared, the export goes on.
    await s.type("[data-testid=seal-to]", "age1notarecipient");
    await s.exec(`document.querySelector("[data-testid=seal-to]").scrollIntoView({ block: "center" })`);
    await new Promise((r) => setTimeout(r, 400));
    await s.screenshot(shots, "06b-wizard-delivery");
    await s.click("[data-testid=wizard-export]");
    await s.wait("[data-testid=problem]", { text: /不是有效的加密接收码/ });
    await s.click("[data-testid=problem] button");
    await s.wait("[data-testid=wizard-delivery]");
    await s.type("[data-testid=seal-to]", " ");
    await s.click("[data-testid=wizard-export]");
    await s.wait("[data-testid=wizard-done]", { timeout: 120000 });
    await s.screenshot(shots, "07-wizard-done");
    const dir = await s.text(await s.find("[data-testid=export-dir]"));
    const zips = readdirSync(dir).filter((f) => f.endsWith(".zip"));
    assert.equal(zips.length, 1);
    assert.deepEqual(readdirSync(usb).filter((f) => f.endsWith(".zip")), zips);

    // The CLI verifies what the window exported, against the unit's public key.
    const pub = join(work, "unit-ws/keys/jianbao.pub");
    const out = execFileSync(cli, ["verify", join(usb, zips[0]), "--pubkey", pub], { encoding: "utf8" });
    assert.match(out, new RegExp(keyId));
    writeFileSync(join(work, "bundle-path.txt"), join(usb, zips[0]));
    await s.click("[data-testid=wizard-close]");
    await s.screenshot(shots, "08-export-history");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});

test("an organiser imports the bundle and exports the merged 汇总表", { timeout: 180000 }, async () => {
  const bundle = readFileSync(join(work, "bundle-path.txt"), "utf8");
  const picks = join(work, "picks-review.txt");
  writePicks(picks, [[bundle]]);
  const s = await launch({ app, port: 4450, env: { JIANBAO_HOME: join(work, "org-ws"), JIANBAO_TEST_PICKS: picks } });
  try {
    await s.click("[data-testid=choose-review]");
    await s.click("[data-testid=import-bundles]");
    await s.wait("[data-testid=bundles] tbody tr", { text: "首次见到" });
    await s.wait("[data-testid=bundles] details summary", { text: /文件 (\d+)\/\1 校验无误/ });
    await s.wait("[data-testid=candidates] tbody tr", { text: person.fields.name });
    const names = await s.exec(`return [...document.querySelectorAll("[data-testid=candidates] tbody tr td:nth-child(3)")].map(e => e.textContent)`);
    assert.deepEqual(names.sort(), [person.fields.name, "王海涛"].sort());
    await s.screenshot(shots, "09-review");
    await s.click("[data-testid=export-summary]");
    const written = await s.text(await s.wait("[data-testid=written]", { text: "xlsx" }));
    assert.match(written, /汇总表\.pdf/);
    const orgRoot = join(work, "org-ws/汇总");
    const made = readdirSync(orgRoot).flatMap((d) => readdirSync(join(orgRoot, d)));
    assert.ok(made.some((f) => f.endsWith(".xlsx")) && made.some((f) => f.endsWith(".docx")) && made.some((f) => f.endsWith(".pdf")));
    await s.click("[data-testid=candidates] tbody tr button.link");
    await s.wait("[data-testid=detail] .fields");
    await s.screenshot(shots, "10-review-detail");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
  console.log(`start-to-interactive: ${timings.startToInteractiveMs} ms; example ready: ${timings.startToExampleReadyMs} ms`);
  writeFileSync(join(shots, "timings.json"), JSON.stringify(timings, null, 2));
  assert.ok(existsSync(join(shots, "09-review.png")));
});

// The certificate PDF picked into the photo slot by mistake: the photo slot's card is wrong, the
// certificate's own card stays right, and the findings name the file as attached, never by its hash.
test("a file's verdict follows the slot it sits in", { timeout: 120000 }, async () => {
  const cert = packet.candidates[0].documents.find((d) => d.slot === "no_crime_certificate");
  const picks = join(work, "picks-slots.txt");
  const photo = packet.candidates[0].media.find((m) => m.slot === "photo");
  writePicks(picks, [[file(cert.path)], [file(photo.path)]]);
  const s = await launch({ app, port: 4454, env: { JIANBAO_HOME: join(work, "slot-ws"), JIANBAO_TEST_PICKS: picks } });
  try {
    await s.wait("[data-testid=sample-banner]", { timeout: 60000 });
    await s.click("[data-testid^=\"open-unit-\"]");
    await s.wait("[data-testid=candidate-form]");
    const cid = await s.exec(`return document.querySelector("[data-testid=candidate-form] [data-field]").dataset.field.split(":")[0]`);
    await s.wait(`[data-slot="${cid}:no_crime_certificate"] .file .chip.ok`);
    await s.click("[data-testid=choose-photo]");
    await s.wait(`[data-slot="${cid}:photo"] .file .chip.error`);
    await s.wait(`[data-slot="${cid}:no_crime_certificate"] .file .chip.ok`);
    const name = cert.path.split("/").pop();
    const texts = await rail(s);
    assert.ok(texts.some((t) => t.includes(`“${name}”`)), texts.join("\n"));
    for (const t of texts) assert.doesNotMatch(t, /[0-9a-f]{12}|“c\d+”/, "no storage hash or internal id");
    await s.screenshot(shots, "15-misplaced-pdf");
    // The same photo for a second candidate: the finding names both people and both slots.
    await s.click("[data-testid=add-candidate]");
    await s.wait("[data-testid=quota]", { text: "2 / 2" });
    const cid2 = await s.exec(`return document.querySelector("[data-testid=candidate-form] [data-field]").dataset.field.split(":")[0]`);
    assert.notEqual(cid2, cid);
    await fill(s, cid2, "name", person.fields.name);
    await s.click("[data-testid=choose-photo]");
    const dup = await s.wait("[data-testid=findings-rail] .finding", {
      text: new RegExp(`候选人“${person.fields.name}”[\\s\\S]*候选人“王海涛”[\\s\\S]*内容完全相同`),
    });
    const said = await s.text(dup);
    assert.doesNotMatch(said, /[0-9a-f]{12}/);
    await s.screenshot(shots, "16-duplicate-photo");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});

// The organiser meets a damaged download and a unit whose key changed, and settles both in the window.
test("a damaged bundle is refused in Chinese and a changed key is accepted from the window", { timeout: 180000 }, async () => {
  const bundle = readFileSync(join(work, "bundle-path.txt"), "utf8");
  const bytes = readFileSync(bundle);
  const damaged = join(work, "damaged.zip");
  writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  // The same unit, signing with a new key.
  const k2 = join(work, "k2");
  execFileSync(cli, ["keygen", "--out", k2]);
  const out2 = join(work, "k2-out");
  const printed = execFileSync(cli, ["export", join(work, "sample/packet.json"), "--key", join(k2, "jianbao.key"), "--out", out2], {
    encoding: "utf8",
    env: { ...process.env, JIANBAO_HOME: join(work, "k2-ws") },
  });
  const second = printed.split("\n").find((l) => l.endsWith(".zip"));
  assert.ok(second, printed);
  const picks = join(work, "picks-keys.txt");
  writePicks(picks, [[damaged], [second]]);
  const s = await launch({ app, port: 4452, env: { JIANBAO_HOME: join(work, "org-ws"), JIANBAO_TEST_PICKS: picks } });
  try {
    await s.click("[data-testid=choose-review]");
    await s.click("[data-testid=import-bundles]");
    await s.wait("[data-testid=bundles] tbody tr.refused", { text: /不是完整的 zip 文件/ });
    const page = await s.exec("return document.body.innerText");
    assert.doesNotMatch(page, /EOCD|invalid Zip/i, "no library English in the reason");
    await s.click("[data-testid=import-bundles]");
    const panel = await s.wait("[data-testid=key-change]", { text: /打电话/ });
    const text = await s.text(panel);
    assert.match(text, /[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/, "both key IDs, grouped");
    assert.doesNotMatch(await s.exec("return document.body.innerText"), /--accept-key-change/, "no command-line flag in the window");
    await s.screenshot(shots, "13-key-change");
    await s.click("[data-testid=accept-key-change]");
    await s.wait("[data-testid=bundles] tbody tr", { text: /密钥已变更/ });
    await s.screenshot(shots, "14-key-accepted");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});

// A notice the app has no profile for, in its own words: 新建活动 drafts it, the secretary drops one
// rule, saves, and starts a unit on the new campaign.
const otherNotice = `关于推荐2023年度“最美科技工作者”候选人的通知
某科协发〔2023〕12号
各县（市、区）科协，市直有关单位：
一、推荐名额
每个单位限推荐1名。
二、材料要求
（一）《2023年度“最美科技工作者”推荐表》一式三份，须加盖推荐单位公章；
（二）先进事迹材料，字数控制在2000字以内；
（三）近期2寸免冠正面蓝底证件照1张，生活照或工作照2至4张（jpg格式，每张不小于1MB）；
（四）个人风采短视频1部，时长不超过2分钟，MP4格式。
三、报送时间
请于2023年5月20日（星期五）17:00前将电子版发送至 kx2023@example.cn，纸质材料报送至市科协学会部，逾期视为自动放弃。
联系人：张三  联系电话：0311-1234567
某市科学技术协会
2023年4月10日`;

test("a secretary drafts a new campaign from its notice and starts a unit on it", { timeout: 120000 }, async () => {
  const s = await launch({ app, port: 4456, env: { JIANBAO_HOME: join(work, "draft-ws") } });
  try {
    await s.click("[data-testid=new-campaign-draft]");
    await s.exec(
      `const t = document.querySelector("[data-testid=notice-text]"); t.value = arguments[0]; t.dispatchEvent(new Event("input", { bubbles: true }));`,
      [otherNotice],
    );
    await s.click("[data-testid=draft-analyse]");
    // Each rule beside the sentence it quotes.
    await s.wait("[data-testid=draft-rules] li", { text: /名额 (不超过)?1名/ });
    await s.wait("[data-testid=draft-rules] li", { text: /证件照 1张 2寸 蓝底/ });
    await s.wait("[data-testid=draft-rules] li blockquote", { text: /逾期视为自动放弃/ });
    await s.screenshot(shots, "11-draft-review");
    // Drop the video rule, keep the rest, save.
    const dropped = await s.exec(
      `const li = [...document.querySelectorAll("[data-testid=draft-rules] li")].find((l) => l.querySelector("strong").textContent.startsWith("视频"));
       li.querySelector("input[type=checkbox]").click(); return li.className;`,
    );
    assert.equal(dropped, "dropped");
    await s.click("[data-testid=draft-save]");
    await s.wait("[data-testid=start]");
    const chosen = await s.exec(`return document.querySelector("[data-testid=new-campaign]").value`);
    assert.match(chosen, /^draft-2023-/);
    const title = await s.exec(`const s = document.querySelector("[data-testid=new-campaign]"); return s.options[s.selectedIndex].text`);
    assert.match(title, /最美科技工作者/);
    await s.click("[data-testid=start] form.new-unit button[type=submit]");
    await s.wait("[data-testid=unit-form]");
    await s.click("[data-testid=add-candidate]");
    await s.wait("[data-testid=quota]", { text: "1 / 1" });
    await s.wait("[data-testid=candidate-form]");
    await s.screenshot(shots, "12-draft-unit");
    // The saved campaign passes the CLI's own check, quotes against the notice included.
    const saved = join(work, "draft-ws/profiles", `${chosen}.toml`);
    const out = execFileSync(cli, ["profile", "check", saved], { encoding: "utf8" });
    assert.match(out, new RegExp(chosen));
    assert.doesNotMatch(readFileSync(saved, "utf8"), /\[\[candidate_slots\]\]\s*\nid = "video"/, "the dropped rule is gone");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});

// 转报上级: the organiser makes its encryption key, picks 其其格 from the received candidates and
// forwards her to the national society's campaign; the packet it makes carries her files with proof
// of origin, which the CLI checks after the organiser's own fields are filled in and it is signed.
test("an organiser forwards a candidate to the next level with proof of origin", { timeout: 180000 }, async () => {
  const s = await launch({ app, port: 4458, env: { JIANBAO_HOME: join(work, "org-ws") } });
  try {
    await s.click("[data-testid=nav-settings]");
    await s.click("[data-testid=create-encryption-key]");
    const recipient = await s.text(await s.wait("[data-testid=settings-recipient]", { text: /^age1/ }));
    assert.equal(readFileSync(join(work, "org-ws/keys/jianbao-age.pub"), "utf8").trim(), recipient.trim());
    await s.wait("[data-testid=recipient-qr]");
    await s.screenshot(shots, "17-recipient");
    await s.click("[data-testid=settings-back]");
    await s.click("[data-testid=choose-review]");
    await s.wait("[data-testid=candidates] tbody tr", { text: person.fields.name });
    await s.exec(
      `const row = [...document.querySelectorAll("[data-testid=candidates] tbody tr")].find(r => r.textContent.includes(arguments[0]));
       row.querySelector("[data-testid=pick-candidate]").click();`,
      [person.fields.name],
    );
    await s.wait("[data-testid=forward]:not([disabled])");
    await s.click("[data-testid=forward]");
    await s.wait("[data-testid=forward-dialog]");
    await s.exec(
      `const sel = document.querySelector("[data-testid=forward-profile]"); sel.value = "cis-2021-zuimei";
       sel.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    await s.type("[data-testid=forward-organiser]", "鄂尔多斯市科协");
    await s.click("[data-testid=forward-originals]");
    await s.screenshot(shots, "18-forward-dialog");
    await s.click("[data-testid=forward-go]");
    const report = await s.text(await s.wait("[data-testid=forward-report]", { text: /带入 \d+ 项内容、\d+ 个文件/ }));
    assert.match(report, /推荐单位意见/, "the organiser's own field is named as its to fill");
    assert.match(report, /无违法犯罪证明/, "a material with no place at the next level is named");
    assert.match(report, /附上原始报送包 1 个/, "the bundle imported from the USB folder travels whole");
    await s.screenshot(shots, "19-forward-report");
    await s.click("[data-testid=forward-open]");
    await s.wait("[data-testid=candidate-form]");
    await s.wait("[data-testid=forwarded-banner]", { text: new RegExp(`${person.fields.name} 来自 鄂尔多斯市示例能源学会（密钥 [0-9A-F]{4} `) });
    await s.screenshot(shots, "20-forwarded-unit");
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
  // The forwarded unit, written out, filled in by the organiser, signed and verified with its chain.
  const list = JSON.parse(execFileSync(cli, ["--workspace", join(work, "org-ws"), "workspace", "list", "--json"], { encoding: "utf8" }));
  const fwd = list.find((u) => u.profile === "cis-2021-zuimei");
  assert.ok(fwd, JSON.stringify(list));
  const dir = join(work, "forwarded");
  execFileSync(cli, ["--workspace", join(work, "org-ws"), "workspace", "export", "--unit", String(fwd.id), "--out", dir]);
  const p = JSON.parse(readFileSync(join(dir, "packet.json"), "utf8"));
  assert.equal(p.unit.unit_name, "鄂尔多斯市科协");
  for (const c of p.candidates) c.fields.fill_date = "2021年06月01日";
  Object.assign(p.unit, { contact_name: "张三", contact_mobile: "13800000000", contact_email: "kx@example.cn" });
  p.as_of = "2021-06-01";
  writeFileSync(join(dir, "packet.json"), JSON.stringify(p));
  const key = join(work, "org-key");
  execFileSync(cli, ["keygen", "--out", key]);
  const printed = execFileSync(cli, ["export", join(dir, "packet.json"), "--key", join(key, "jianbao.key"), "--out", join(work, "fwd-out")], { encoding: "utf8" });
  const zip = printed.split("\n").find((l) => l.endsWith(".zip"));
  const said = execFileSync(cli, ["verify", zip], { encoding: "utf8" });
  assert.match(said, /由 鄂尔多斯市科协（密钥/);
  assert.match(said, new RegExp(`✓ ${person.fields.name} 的 \\d+ 个文件、\\d+ 项填写内容与 .+签名时一致`));
  assert.doesNotMatch(said, /✗/);
  assert.match(said, /原始报送包 1 个，校验与其签名证据一致/);
  // The next level's reviewer imports it in the window and reads the same proof, line by line.
  const picks = join(work, "picks-top.txt");
  writePicks(picks, [[zip]]);
  const top = await launch({ app, port: 4460, env: { JIANBAO_HOME: join(work, "top-ws"), JIANBAO_TEST_PICKS: picks } });
  try {
    await top.click("[data-testid=choose-review]");
    await top.click("[data-testid=import-bundles]");
    const chain = await top.text(await top.wait("[data-testid=chain]", { text: /由 鄂尔多斯市科协（密钥/ }));
    assert.match(chain, new RegExp(`✓ ${person.fields.name} 的 \\d+ 个文件`));
    assert.match(chain, /原始报送包 1 个/);
    assert.doesNotMatch(chain, /✗/);
    await top.screenshot(shots, "21-chain-at-the-next-level");
  } catch (e) {
    await top.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await top.close();
  }
});

// The workspace cared for, as an organiser does it in the window: 导出评审材料 (one folder per
// candidate), a unit's key registered before its bundle arrives, a backup, a damaged backup refused in
// words, and the backup restored into a new folder that the window then works in.
test("an organiser exports review materials, registers a unit's key and backs up and restores the workspace", { timeout: 180000 }, async () => {
  const ws = join(work, "org-ws");
  const keys = join(work, "other-unit-key");
  execFileSync(cli, ["keygen", "--out", keys]);
  const backup = join(work, "备份/工作区.jianbao-backup");
  const damaged = join(work, "damaged.jianbao-backup");
  const restored = join(work, "restored-ws");
  const picks = join(work, "picks-care.txt");
  writePicks(picks, [[join(keys, "jianbao.pub")], [backup], [damaged], [join(work, "never-ws")], [backup], [restored]]);
  const s = await launch({ app, port: 4462, env: { JIANBAO_HOME: ws, JIANBAO_TEST_PICKS: picks } });
  try {
    // (the window reopens where it was left: go to the start screen first)
    await s.click(".brand");
    await s.click("[data-testid=choose-review]");
    await s.wait("[data-testid=candidates] tbody tr", { text: person.fields.name });
    await s.click("[data-testid=export-materials]");
    const done = await s.text(await s.wait("[data-testid=materials-done]", { text: /评审材料已导出：2 位候选人/ }));
    assert.match(done, new RegExp(`0\\d-.+-${person.fields.name}`));
    const dirs = readdirSync(join(ws, "评审材料"));
    assert.equal(dirs.length, 1);
    const folders = readdirSync(join(ws, "评审材料", dirs[0]));
    assert.ok(folders.includes("目录.xlsx"), folders.join(","));
    const mine = folders.find((f) => f.endsWith(`-${person.fields.name}`));
    const files = readdirSync(join(ws, "评审材料", dirs[0], mine));
    assert.ok(files.some((f) => /^推荐表-.+\.pdf$/.test(f)), files.join(","));
    assert.ok(files.some((f) => /\.jpe?g$/i.test(f)), files.join(","));
    await s.screenshot(shots, "22-review-materials");

    await s.type("[data-testid=trust-unit]", "某某县科协");
    await s.click("[data-testid=trust-key]");
    const trusted = await s.text(await s.wait("[data-testid=trusted]", { text: /已登记 某某县科协 的公钥/ }));
    const fp = trusted.match(/指纹 ([0-9A-Fa-f ]+)/)?.[1]?.trim() ?? "";
    assert.ok(fp.length >= 16, trusted);
    await s.wait("[data-testid=known-keys] tbody tr", { text: "某某县科协" });
    await s.screenshot(shots, "23-known-keys");

    await s.click("[data-testid=nav-settings]");
    // (the organiser's recipient QR code loads into a box of its own size: nothing moves)
    await s.wait("[data-testid=recipient-qr]");
    await s.click("[data-testid=backup-workspace]");
    await s.wait("[data-testid=care-done]", { text: /已备份/ });
    assert.ok(existsSync(backup));
    const bytes = readFileSync(backup);
    bytes[Math.floor(bytes.length / 3)] ^= 0x40;
    writeFileSync(damaged, bytes);
    await s.click("[data-testid=restore-workspace]");
    const refused = await s.text(await s.wait("[data-testid=problem]", { text: /备份文件/ }));
    assert.match(refused, /err-backup-(damaged|not-backup)/);
    assert.ok(!existsSync(join(work, "never-ws")), "a damaged backup restores nothing");
    await s.click("[data-testid=problem] button");
    await s.click("[data-testid=restore-workspace]");
    await s.wait("[data-testid=care-done]", { text: /已恢复并切换到/ });
    await s.wait("code.path", { text: "restored-ws" });
    await s.screenshot(shots, "24-restored");
    await s.click(".brand");
    await s.click("[data-testid=choose-review]");
    await s.wait("[data-testid=candidates] tbody tr", { text: person.fields.name });
    await s.wait("[data-testid=known-keys] tbody tr", { text: "某某县科协" });
  } catch (e) {
    await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
  // The restored folder is a workspace the CLI reads the same as the original.
  const a = execFileSync(cli, ["--workspace", ws, "workspace", "candidates", "--json"], { encoding: "utf8" });
  const b = execFileSync(cli, ["--workspace", restored, "workspace", "candidates", "--json"], { encoding: "utf8" });
  assert.equal(b, a);
});
