### 荐报 Jianbao — English message catalog. A message id is its stable code; every message says what is
### wrong and what to do about it.

## Errors

err-io = Cannot read or write { $path }: { $reason }. Check that the path is right, that no other program holds the file, and that you may read and write there.
err-disk-full = The disk is full: { $path } could not be written. Free some space, or choose a folder or USB stick with enough room, and try again; no incomplete file is left behind.
err-profile-invalid = The campaign profile { $file } has { $count } problem(s) and cannot be used. Fix the file as shown below and try again (format: docs/profiles.md):
err-profile-unknown = There is no campaign profile “{ $id }”. Use one of: { $known }; { $face ->
        [window] the campaign list shows them all.
       *[cli] `jianbao profiles` lists them all.
    }
err-packet-invalid = The packet { $file } has { $count } structural problem(s) and cannot be read. Fix it as shown below (the JSON path follows $) and try again (format: docs/packet.md):
err-packet-missing-file = The packet { $file } names { $path }, which cannot be read: { $reason }. Put the file back, or correct the path (relative to the packet file's folder).
err-store = The workspace database { $path } failed: { $reason }. Close any other Jianbao window using this workspace and try again; if it still fails, restore the workspace from a backup.
err-store-corrupt = The workspace { $path } is incomplete: { $reason }. Restore it from a backup or import the packet again.
err-unit-not-found = “{ $wanted }” is not in the workspace. Units there: { $known }. { $face ->
        [window] Choose one of them from the list.
       *[cli] Choose one with --unit.
    }
err-output-not-empty = The output folder { $path } is not empty. Choose a new or empty folder so the files are not mixed with others.

## Problems in a campaign profile ({ $at } is the key)

where-line = (line { $line })
profile-syntax = The file is not valid TOML: { $detail }. Check that quotes, brackets and equals signs are complete.
profile-unknown-key = { $at } has a key that is not part of the format ({ $detail }). Remove it or use a key listed in docs/profiles.md.
profile-missing-key = { $at } lacks a required key ({ $detail }). Add it.
profile-negative-limit = The limit at { $at } may not be negative or out of range ({ $detail }{ $value }). Use a sensible value of 0 or more.
profile-wrong-type = The value at { $at } has the wrong type ({ $detail }). Write it as docs/profiles.md shows (text in quotes, numbers without).
profile-invalid-value = The value at { $at } is not valid: { $detail }. Correct it as docs/profiles.md shows.
profile-unknown-value = The value at { $at } is not recognised ({ $detail }{ $value }). Use one of the values listed in docs/profiles.md.
profile-format = format must be “jianbao-profile/1”, not “{ $value }”. Correct it, or use a profile made for this version of Jianbao.
profile-bad-id = The id “{ $value }” at { $at } is not allowed: use lower-case ASCII letters, digits, “-” and “_”, starting with a letter or digit.
profile-empty = { $at } may not be empty. Fill it in.
profile-bad-date = The date “{ $value }” at { $at } is not recognised. Write it as YYYY-MM-DD, e.g. 2021-06-02.
profile-limit-order = At { $at } the minimum { $min } is above the maximum { $max }. Make the minimum no larger than the maximum.
profile-unknown-field = { $at } refers to a field “{ $value }” that does not exist. Use the id of a field defined in that form.
profile-unknown-slot = { $at } refers to an attachment slot “{ $value }” that does not exist. Use an id defined in candidate_slots or unit_slots.
profile-clause-authority = { $at } must name exactly one authority: notice = "the notice's numbering" (with quote), form = "where on the form" (with quote), or advice = "our suggestion". Keep one of them.
profile-clause-no-quote = { $at } cites the notice or its form without its words. Add quote = "…" with the sentence copied verbatim (…… for words left out).
profile-clause-advice-quote = { $at } is our advice but also has a quote. Advice is in our own words: remove quote, or cite the notice with notice = "…".
profile-quote-not-in-notice = { $at } quotes “{ $value }”, which is not in the notice's text. Copy the sentence verbatim from the notice (…… for words left out), or mark the rule as advice.
profile-quote-not-in-form = { $at } quotes “{ $value }”, which is not in the form's text. Copy it verbatim from the form's 填表说明, or mark the rule as advice.
profile-notice-header = { $at } does not match the notice as published (“{ $value }”). Copy it from the notice's header.
profile-duplicate-id = The id “{ $value }” at { $at } is used twice. Ids within one form (or one group of slots) must differ; rename one.
profile-no-summary = { $at } asks for the summary table but the profile has no [summary]. Define it or remove this item.
profile-no-choices = { $at }: a choice field needs choices (a list) or choice_list (a standard list's name). Add one.
profile-misplaced-rule = The rule at { $at } does not apply to this kind ({ $value }). Remove it or correct the kind.
profile-unknown-list = { $at } names a standard list “{ $value }” that does not exist. Available: gender, ethnicity, political_status, party_member_status, education, degree.
profile-bad-pattern = The regular expression “{ $value }” at { $at } is invalid: { $detail }. Correct it.
profile-bad-format = The date layout “{ $value }” at { $at } is not supported. Dates: YYYY年MM月DD日, YYYY-MM-DD, YYYY.MM.DD; year-months: YYYY年MM月, YYYY.MM, YYYY-MM.
profile-format-mismatch = The format “{ $value }” at { $at } does not fit the slot's kind (photos: jpeg/png; videos: mp4/mov; documents: pdf/docx). Correct it.
profile-bad-naming = The naming rule at { $at } has an unknown placeholder “{ $value }”. Available: {"{"}姓名{"}"}, {"{"}单位{"}"}, {"{"}序号{"}"}, {"{"}材料{"}"}.

## Problems in a packet ({ $at } is the JSON path)

packet-syntax = At { $at } the text is not valid JSON: { $detail }. Check commas, quotes and brackets.
packet-structure = At { $at } the structure is wrong: { $detail }. Correct it as docs/packet.md shows.
packet-format = $.format must be “jianbao-packet/1”, not “{ $value }”. Correct it.
packet-unknown-profile = { $at }: there is no campaign profile “{ $value }”. Use one of: { $known }.
packet-bad-candidate-id = { $at }: the candidate id “{ $value }” is not usable. It must be non-empty, at most 64 characters, without “/”, “\” or control characters.
packet-duplicate-candidate = { $at }: the candidate id “{ $value }” is used twice. Give each candidate its own id.
packet-unknown-slot = { $at }: this campaign has no attachment slot “{ $value }”. { $face ->
        [window] The campaign’s rules page lists the slots.
       *[cli] `jianbao profile show` lists the slots.
    }
packet-slot-not-media = { $at }: “{ $value }” is a document slot; list the file under documents, not media.
packet-slot-not-document = { $at }: “{ $value }” is a photo or video slot; list the file under media, not documents.
packet-bad-path = { $at }: the path “{ $value }” is not usable ({ $reason }). Write it relative to the packet file's folder with “/”, e.g. media/张三1.jpg.
packet-unknown-field = { $at }: the campaign's form has no field “{ $value }”. { $face ->
        [window] Remove it or use a field the campaign’s rules page lists.
       *[cli] Remove it or use a field id that `jianbao profile show` lists.
    }
packet-wrong-type = The value at { $at } has the wrong type; expected: { $expected }.
reason-empty = the path is empty
reason-absolute = absolute paths are not allowed
reason-backslash = use “/”, not “\”
reason-control = it holds control characters
reason-long = it is too long
expected-string = text (a string in quotes)
expected-strings = a list of strings, e.g. ["面向经济主战场"]
expected-rows = a list of rows, each {"{"}"column id": "text"{"}"}
expected-none = nothing (the photo comes from its attachment slot)

## Command-line output

cli-draft-written = Wrote the draft { $file } (id { $id }); the notice's text is kept beside it as .notice.txt. Review every rule before using it.
cli-draft-found = { $n } rules found in the notice:
cli-draft-undecided = Left for a person to decide:
cli-profile-ok = The profile { $file } is valid: { $id } ({ $title }), { $fields } form fields, { $slots } attachment slots.
cli-sample-written = Wrote the sample packet { $file } ({ $title }). Its people, units and documents are fictional.
cli-imported = Imported into the workspace { $workspace }: unit { $id } ({ $name }), { $count } candidate(s); the original files were not changed.
cli-exported = Exported unit { $id } as a packet: { $file }
cli-workspace-empty = The workspace holds no unit yet. Import a packet with `jianbao workspace import`, or make one with `jianbao sample`.
cli-unit-line = { $count } candidate(s), updated { $at }
show-profile-line = organiser: { $organiser } · deadline: { $deadline } · quota per unit: { $quota }
show-no-deadline = no fixed deadline
show-any-number = any number
show-at-least = at least { $n }
show-organiser = Organiser
show-notice = Notice
show-form = Form
show-borrowed = Borrowed
show-deadline = Deadline
show-strict = {" "}(late materials refused)
show-quota = Quota per unit
show-delivery = Delivery
show-candidate-form = Recommendation form fields
show-unit-form = Recommending unit
show-summary = Summary table
show-candidate-slots = Attachments per candidate
show-unit-slots = Attachments of the unit
show-deliverables = Materials to hand in
show-declarations = Points the unit confirms
show-advised = suggested
show-any-format = any format
show-pdf-scan = pdf (the scan once signed and sealed)
show-required = required
show-words-max = at most { $n } 字
show-words-min = at least { $n } 字
show-words-target = about { $n } 字 (±{ $tol })
show-forbidden = not allowed: { $values }
show-files = { $n } file(s)
show-naming = named { $rule }
show-paper = { $n } paper copies
show-paper-blank = { $n } paper copies ({ $blank } with the recommending unit's parts left blank)
show-no-paper = electronic only
kind-text = text
kind-long-text = long text
kind-date = date
kind-year-month = year-month
kind-choice = choice
kind-multi-choice = multiple choice
kind-mobile = mobile
kind-phone = telephone
kind-email = e-mail
kind-postcode = postcode
kind-history = history table
kind-photo = photo
authority-notice = notice
authority-form = form
authority-advice = advice
authority-program = program limit
filekind-jpeg = JPEG (JPG)
filekind-png = PNG
filekind-heic = HEIC (the iPhone default)
filekind-avif = AVIF
filekind-tiff = TIFF
filekind-bmp = BMP bitmap
filekind-webp = WebP
filekind-gif = GIF
filekind-mp4 = MP4 video
filekind-mov = MOV video
filekind-pdf = PDF
filekind-zip = ZIP archive or Word/Excel document
filekind-empty = empty file
filekind-unknown = unrecognised format
bg-red = red background
bg-white = white background
bg-blue = blue background
bg-grey = grey background
bg-other = background of another colour
bg-mixed = background of uneven colour
packet-bad-date = { $at }: the date “{ $value }” is not recognised; write it as YYYY-MM-DD, e.g. 2021-05-20.

## Check findings (each says where the problem is and how to fix it)

file-as-attached = “{ $name }” (sent as “{ $packet }”)
file-as-attached-same = “{ $name }”
who-candidate = Candidate “{ $name }”
who-candidate-unnamed = Candidate { $n } (no name yet)
who-unit = Recommending unit
materials-none = { $who }: none of the “{ $materials }” is given; give at least one of: { $options }.
materials-needed-with = { $who }: “{ $because }” is given, so “{ $materials }” must come with it: { $options }.
field-advised = { $who }: “{ $field }” is empty. We suggest filling it in (the notice does not require it; it may stay empty). { $hint }
field-required = { $who }: “{ $field }” is empty. Fill it in. { $hint }
field-choice = { $who }: “{ $field }” is “{ $value }”, which is not one of the standard choices. Use one of: { $choices }.
field-select-min = { $who }: tick at least { $min } option(s) of “{ $field }”. Options: { $choices }.
field-select-max = { $who }: { $count } options of “{ $field }” are ticked; at most { $max } are allowed. Remove the extra ones.
field-mobile = { $who }: “{ $field }” is “{ $value }”, not a valid mobile number (11 digits starting with 1). Check and correct it.
field-phone = { $who }: “{ $field }” is “{ $value }”, not an office telephone with its area code. Write it as area code-number, e.g. 0477-8581185.
field-phone-is-mobile = { $who }: “{ $field }” holds the mobile number “{ $value }”. This field wants the office telephone with area code, e.g. 0477-8581185; put the mobile under “手机”.
field-email = { $who }: “{ $field }” is “{ $value }”, not a valid e-mail address. Write it as name@example.com with half-width “@” and “.”.
field-postcode = { $who }: “{ $field }” is “{ $value }”; a postcode has 6 digits, e.g. 017200.
field-date = { $who }: “{ $field }” is “{ $value }”, which is not a date. Write it in Arabic numerals like “{ $example }”.
field-date-format = { $who }: “{ $field }” is written “{ $value }”; the form wants “{ $suggestion }”. Change it to “{ $suggestion }”.
field-words-max = { $who }: “{ $field }” has { $count } 字 ({ $han } Han characters), { $over } over the limit of { $max }. Cut it to at most { $max } 字 (counted as Word's word count does).
field-words-min = { $who }: “{ $field }” has { $count } 字, fewer than the { $min } required. Add to it.
field-words-target = { $who }: “{ $field }” has { $count } 字; the notice asks for about { $target } ({ $low }–{ $high } is reasonable). Adjust its length.
field-forbidden = { $who }: “{ $field }” may not be “{ $value }”. { $hint }.
field-pattern = { $who }: “{ $field }” is “{ $value }”, which does not have the required form. { $hint }.
field-must-contain = { $who }: “{ $field }” does not state a position. { $hint }.
field-too-long = { $who }: “{ $field }” has { $count } characters, more than Jianbao can handle ({ $limit }; a limit of the program, not of the notice). Shorten it; attach long material as a document.
field-too-many-rows = { $who }: “{ $field }” has { $count } rows, more than Jianbao can handle ({ $limit }). Merge or remove rows.
history-rows-min = { $who }: “{ $field }” has { $count } row(s); at least { $min } are needed. Add the missing history.
history-rows-max = { $who }: “{ $field }” has { $count } rows; at most { $max } are allowed. Merge or remove some.
history-cell-missing = { $who }: row { $row } of “{ $field }” lacks “{ $column }”. Fill it in.
history-open-end = { $who }: row { $row } of “{ $field }” says “{ $value }” but is not the last row. Only the last period may be open-ended; give a year and month.
history-date = { $who }: “{ $value }” in row { $row } of “{ $field }” is not a year and month. Write it in Arabic numerals like “{ $example }”.
history-date-format = { $who }: row { $row } of “{ $field }” is written “{ $value }”; write it as “{ $suggestion }”.
history-end-before-start = { $who }: in row { $row } of “{ $field }” the end { $to } is before the start { $from }. Check the dates.
history-order = { $who }: row { $row } of “{ $field }” starts before row { $previous }. List the periods in time order.
history-overlap = { $who }: row { $row } of “{ $field }” overlaps row { $previous }. Check the start and end months.
history-before-graduation = { $who }: “{ $field }” starts before { $earliest } (less than { $years } years after birth). The history starts at graduation from secondary vocational school or university; remove the earlier periods.
quota-min = The unit recommends { $count } candidate(s); at least { $min } are needed. Add a candidate.
quota-max = The unit recommends { $count } candidates, more than the quota of { $max }. Reduce them to { $max }.
deadline-passed-strict = The deadline ({ $deadline }) passed { $days } day(s) ago and this campaign refuses late materials. Contact the organiser at once to ask whether you may still submit.
deadline-passed = The deadline ({ $deadline }) passed { $days } day(s) ago. Submit as soon as possible and tell the organiser why.
deadline-near = Only { $days } day(s) are left before the deadline ({ $deadline }). Finish checking and submit early; paper copies need time in the post.
duplicate-candidate = Candidate “{ $name }” was entered twice (candidates { $first } and { $second }, with the same name and birth date, mobile or e-mail). Delete the duplicate.
duplicate-name = Two candidates are called “{ $name }” (candidates { $first } and { $second }). If they are the same person, delete one; if they are two people, ignore this.
slot-count-min = { $who }: “{ $slot }” has { $count } file(s); at least { $min } are needed. Add them.
slot-count-max = { $who }: “{ $slot }” has { $count } files; at most { $max } are allowed. Remove the extra ones.
file-missing = { $who }: the “{ $slot }” file { $file } cannot be found. Put it back or add it again.
file-empty = { $who }: the “{ $slot }” file { $file } is empty (0 bytes). Copy the original again.
file-unreadable = { $who }: the “{ $slot }” file { $file } cannot be read ({ $detail }). Check that no program holds it and that it is intact, then add it again.
file-duplicate = { $who }: the file { $file } in “{ $slot }” has exactly the same content as { $other } in “{ $other_slot }” of { $other_who }; the same photo or file is submitted twice. Use a different one.
photo-heic = The photo { $file } is really HEIC (the iPhone default), not JPEG. On the phone choose Settings → Camera → Formats → Most Compatible and take it again, or export it as JPEG from Photos; renaming the file is not enough.
photo-png = The photo { $file } is really PNG, not JPEG. Use the camera's or phone's original (JPEG) or save it as JPEG in an image program; renaming the file is not enough.
photo-webp = The photo { $file } is really WebP (as saved from web pages and chat apps), not JPEG. Use the original photo from the camera or phone.
photo-format = The file { $file } is really { $kind }; this item requires a { $formats } photo. Use the camera's or phone's original, or save it as { $formats } in an image program; renaming the file is not enough.
video-mov-not-allowed = The video { $file } is MOV; this campaign accepts only { $formats }. Export it as MP4 from the phone or an editing program.
video-format = The file { $file } is not an MP4 or MOV video (it is { $kind }); { $formats } is required. Use the original video file.
doc-format = The file { $file } has the wrong format ({ $kind }); “{ $slot }” requires { $formats }. Scan or export it as { $formats }.
photo-truncated = The photo { $file } is incomplete (cut short; the copy or download did not finish). Copy it again from its source.
photo-too-many-pixels = The photo { $file } claims an impossible size ({ $detail }) and cannot be used. Use the original from the camera or phone.
photo-too-large = The photo { $file } is too large to read. Use the original from the camera or phone.
photo-corrupt = The photo { $file } is damaged and cannot be read ({ $detail }). Copy it again from its source.
photo-bytes-min = The photo { $file } is { $size }; this campaign requires at least { $min } ({ $short } short). Use the camera's or phone's original, not a compressed copy forwarded by a chat app.
id-photo-bytes-min = The ID photo { $file } is { $size } ({ $pixels } pixels); this campaign requires at least { $min } ({ $short } short). Ask the photo studio for the original high-resolution file; do not enlarge, pad or re-save it to gain size, which only lowers its quality.
photo-bytes-max = The photo { $file } is { $size }, over the limit of { $max } by { $over }. Compress it a little and try again.
photo-pixels-min = The photo { $file } has only { $pixels } pixels, below the required { $min }. Use a sharper original.
photo-dpi-unknown = The photo { $file } records no resolution (dpi); this campaign requires { $min } dpi. Set it to { $min } dpi in an image program (without resampling), or ask the photographer for the original.
photo-dpi-min = The photo { $file } is { $dpi } dpi; this campaign requires { $min } dpi. Set it to { $min } dpi in an image program without resampling.
id-photo-ratio = The ID photo { $file } is { $pixels } pixels, whose proportions do not match { $size } ({ $mm } mm). Use the studio's original in that size; do not crop or stretch it yourself.
id-photo-background = The ID photo { $file } has a { $got } (about { $rgb }); this campaign requires a { $want }. Have a new ID photo taken with a { $want }.
id-photo-background-unclear = The top corners of the ID photo { $file } differ in colour (on average about { $rgb }), so it could not be confirmed as a { $want }: there may be a shadow, hair or clutter. Open the photo and make sure it is a standard ID photo with a { $want }.
id-photo-background-unknown = The ID photo { $file } has too many pixels to decode, so its background was not judged. Open it and make sure it is a standard ID photo with a { $want }.
video-truncated = The video { $file } is incomplete ({ $detail }). Copy the complete original from the phone or camera again.
video-no-track = The video { $file } has no picture (sound only, or empty). Use the original video file.
video-corrupt = The video { $file } is damaged and cannot be read ({ $detail }). Copy the original from the phone or camera again.
video-duration-max = The video { $file } lasts { $duration }, over the limit of { $max } minutes. Cut it to { $max } minutes or less.
video-duration-min = The video { $file } lasts { $duration }, less than the required { $min } minutes. Add to it.
video-resolution = The video { $file } is { $size } ({ $codec }); this campaign requires { $allowed }. Record in 1080p (camera settings) or export at that resolution.
video-resolution-min = The video { $file } is { $size }, below the required { $min }. Record or export in 1080p or higher.
doc-truncated = The “{ $slot }” file { $file } is incomplete (its end is missing). Scan or export the PDF again.
doc-corrupt = The “{ $slot }” file { $file } is damaged and cannot be read ({ $detail }). Scan or export the PDF again.
doc-encrypted = The “{ $slot }” file { $file } is password-protected or encrypted, so reviewers cannot open it. Export an unencrypted PDF.
doc-pages = The file { $file } has { $pages } page(s); { $want } are required. Check that the scan is complete.

## Check command output

check-unit = Recommending unit
check-summary = { $errors } error(s), { $warnings } warning(s).
check-clean = Check passed: no errors found.
check-has-errors = Correct every error before exporting the bundle.
severity-error = error
severity-warning = warning
clause-label = clause
wordcount-words = 字数 (words)
wordcount-han = Han characters
wordcount-chars-no-spaces = characters (no spaces)
wordcount-chars-with-spaces = characters (with spaces)
inspect-kind = kind
inspect-bytes = size
inspect-pixels = pixels
inspect-orientation = orientation
inspect-dpi = resolution
inspect-background = background
inspect-duration = duration
inspect-display = picture
inspect-codec = codec
inspect-pages = pages
inspect-encrypted = encrypted
inspect-problem = problem
yes = yes
no = no
err-render = Cannot render { $what }: { $reason }. Check the packet and try again; if it still fails, send this message to support.
err-unknown-variant = This campaign's form has no printing variant “{ $wanted }”. Available: { $known }.
err-key = The signing key { $path } cannot be used: { $reason }. Check that the file is intact and the password right, { $face ->
        [window] or make a new signing key in Settings.
       *[cli] or make a new key with `jianbao keygen`.
    }
err-key-exists = { $path } already holds a signing key; it is never overwritten. { $face ->
        [window] For a new key choose another folder.
       *[cli] For a new key choose another folder (--out).
    }
err-not-ready = The packet still has { $errors } error(s) (and { $warnings } warning(s) not accepted), so no bundle is exported. { $face ->
        [window] See them under Findings and correct them; accept checked warnings in the export wizard.
       *[cli] See them with `jianbao check` and correct them; accept checked warnings with --accept-warnings.
    }
err-too-large-for-part = The file { $path } ({ $size }) is larger than the part size { $part } and cannot go by e-mail. { $face ->
        [window] Deliver on USB (choose USB in the export wizard),
       *[cli] Deliver on USB (no parts, or --part-size fat32),
    } or ask the organiser for another way.
cli-keygen = Made a signing key, key ID { $id } (in { $dir }). Keep jianbao.key to yourself; jianbao.pub may be given to the organiser.
cli-keygen-fingerprint = Public key fingerprint: { $fingerprint } (for the organiser to check with you by phone, group by group).
cli-exported-bundle = Exported the bundle in { $count } part(s) (group { $group }, signing key { $id }, { $warnings } warning(s) recorded). Send the parts in order, or copy them to USB.

## Bundle verification

verify-ok = Valid: { $unit }, part { $part }, { $files } file(s) complete and unaltered, signing key { $key }.
verify-not-pinned = Note: the signer is not authenticated. The files are intact, but the signature was checked only with the key carried inside the bundle, which anyone could have made. { $face ->
        [window] Ask the unit for its public key file and register it under Registered unit keys before importing,
       *[cli] Verify again with the unit's public key file (--pubkey),
    } or compare the key fingerprint { $fingerprint } with the unit by phone.
verify-bad = Invalid, because:
verify-all-ok = Every bundle is valid.
verify-all-bad = Some bundle is invalid: do not use its materials, and ask the unit to send it again.
bundle-unreadable = This bundle file cannot be read. Download or copy it again, then import it.
bundle-not-zip = This is not a complete zip file: the download may be unfinished or the file damaged. Download it again, or ask the sender to send it again.
bundle-duplicate-name = The bundle holds the name { $entry } twice, a sign of tampering. Refused; ask the unit to export again.
bundle-zip-bomb = The entry { $entry } has an abnormal compression ratio ({ $detail }), like a zip bomb. Refused.
bundle-absolute-path = The entry name { $entry } is an absolute path and could overwrite files on this computer. Refused.
bundle-path-traversal = The entry name { $entry } climbs out of its folder (“..”). Refused.
bundle-symlink = The entry { $entry } is a symbolic link that could point anywhere on this computer. Refused.
bundle-layout = The entry { $entry } is not inside the bag's folder. Refused.
bundle-corrupt = The file { $entry } inside the bundle is damaged and cannot be read. Ask the sender to send it again.
bundle-not-bagit = The bundle lacks or has a damaged { $entry } ({ $detail }); it is not a complete Jianbao bundle. Ask the unit to export again.
bundle-wrong-key = The signing key does not match ({ $detail }). The bundle may not come from that unit; confirm the key ID with them by telephone.
bundle-bad-signature = The signature is invalid ({ $detail }). The bundle was changed after signing, or the signature replaced. Refused.
bundle-comment-mismatch = The signed unit, campaign or part differs from the bag's description ({ $detail }), a sign of tampering. Refused.
bundle-altered = The file { $entry } is not as signed ({ $detail }); it was changed or damaged. Ask for the bundle again.
bundle-missing-file = The file { $entry } is missing ({ $detail }). Ask for the complete bundle again.
bundle-unlisted-file = The bundle holds a file { $entry } that is not in its manifest, perhaps added later. Refused.
bundle-part-missing = The set is incomplete: { $detail }. Verify all parts together.
bundle-parts-mixed = These parts do not belong to one export: { $detail }. Select every part of one export (same export time, "part n of m" at the end of the names) and verify again; parts of an older export can be deleted.
bundle-bad-group = The part index { $entry } is not valid ({ $detail }) or disagrees with the bag description or signature. Refused; ask the unit to export again.
bundle-bad-name = The file name { $entry } is not canonical ({ $detail }): it has a "." or empty segment, a control character, a Windows reserved name or a trailing dot or space, so it could mean different files on different computers. Refused; ask the unit to export again with Jianbao.
err-cancelled = Cancelled. No incomplete file was left behind and nothing in the workspace changed; start again when you are ready.
err-copy-failed = Copying to { $path } failed: { $reason }. No incomplete file was left there. Check that the USB stick is not full or unplugged, and try again.
cli-copied = Copied and verified: { $file } (reads back identical, signature valid).
workspace-cleaned = Removed { $files } temporary file(s) left by interrupted work, freeing { $size }.
import-refused = Not imported, because:
import-ok = Imported as number { $id }; re-checked with this computer's rules: { $errors } error(s), { $warnings } warning(s).
import-key-first-seen = Signing key { $key }: first seen, now recorded (confirm it with the unit against the key ID at the foot of the paper form).
import-key-same = Signing key { $key }: the same as before.
review-late = This unit sent its bundle after the deadline ({ $date }). Whether to accept it is for the notice’s rules to decide.
desk-import-key-changed = The unit's signing key differs from last time. Call the unit to confirm it changed its key, then press “Accept the new key”.
import-key-changed-accepted = Signing key { $key }: changed! { $face ->
        [window] Accepted as you confirmed.
       *[cli] Accepted because of --accept-key-change.
    }
import-late = Late: received after the deadline.
import-profile-differs = Note: the bundle's copy of the campaign rules differs from this computer's; it was re-checked with this computer's.
import-resubmission = Resubmission: replaces number { $previous }; changed: { $changes }.
import-duplicate = Recommended twice: “{ $name }” is also recommended by { $other }.
import-already = This bundle (group { $detail }) was already imported; not imported again.
import-key-changed = The unit's signing key differs from last time ({ $detail }). Call the unit to confirm it changed its key before accepting. { $face ->
        [window] Once confirmed, press “Accept the new key and import”.
       *[cli] Command line: import again with --accept-key-change.
    }
import-unknown-profile = This computer has no rules for the campaign “{ $detail }”. Put the organiser's profile file into the workspace's profiles folder first.
import-packet-mismatch = The packet { $entry } in the bundle disagrees with the signed bag description ({ $detail }). Refused; ask the unit to export again with Jianbao.
cli-summary = Wrote the merged summary table { $file }: { $units } unit(s), { $rows } candidate(s).
cli-receipt = Wrote the receipt { $file } ({ $unit }, { $verdict }); its signature is { $file }.minisig.
cli-receipt-ok = Valid receipt: { $unit }, group { $group }, { $verdict }, received { $at }.

## The desktop app's own texts
desk-pages = pages
desk-mail-subject = [{ $campaign }] Recommendation materials from { $unit } (mail { $part } of { $count })
desk-mail-body =
    To { $recipient },
    
    Please find the recommendation materials of { $unit } for “{ $campaign }”: { $count } mail(s) in all; this is mail { $part }, attaching bundle { $file }.
    The bundle is digitally signed with key ID { $key }, the same ID printed at the foot of every page of the paper forms.
    The paper materials follow by post.
    
    { $unit }

## Forwarding, proof of origin and encrypted delivery
err-candidate-not-found = No candidate “{ $wanted }” was found (or more than one has that name). Candidates: { $known }. { $face ->
        [window] Tick them in the candidate list.
       *[cli] List their IDs with `jianbao workspace candidates` and give an ID.
    }
err-decrypt-not-for-us = { $path } is encrypted to another organiser; this workspace’s identity cannot open it. Check that the sender used the recipient this organiser published.
err-decrypt = { $path } cannot be decrypted: { $reason }. The file may be incomplete or damaged; ask for it again.
err-bad-recipient = “{ $value }” is not an encryption recipient. A recipient starts with age1 and is published by the organiser; a file holding one also works.
bundle-encrypted-no-identity = This bundle is encrypted, but the workspace has no identity to decrypt it ({ $detail }). Create the encryption key in Settings, or give the organiser’s identity file.
bundle-encrypted-not-for-us = This bundle is encrypted to another organiser; this workspace’s identity cannot open it. Check that the unit encrypted to the recipient this organiser published.
bundle-decrypt-failed = This encrypted bundle cannot be decrypted: it may be incomplete or damaged ({ $detail }). Ask the unit to send it again.
chain-heading = Proof of origin:
chain-forwarded-by = Forwarded by { $unit } (key { $key }).
chain-problem = The proof of origin cannot be read: { $reason }.
chain-no-evidence = { $origin }’s bundle was imported without its signed evidence; the origin of its candidates’ materials cannot be proven.
chain-origin-bad = { $origin }’s signed evidence is not valid ({ $reason }): the materials cannot be proven to come from that unit.
chain-candidate-same = { $files } file(s) and { $fields } field(s) of { $name } are as { $origin } (key { $key }) signed them.
chain-file-changed = { $name }: { $items } differs from what { $origin } signed — changed on the way.
chain-file-unproven = { $name }: { $items } is not in the list { $origin } signed; its origin cannot be proven.
chain-file-added = { $name }: { $items } added by the forwarding organiser.
chain-field-changed = { $name }: { $items } differs from what { $origin } signed (changed by the forwarding organiser).
chain-field-added = { $name }: { $items } filled in by the forwarding organiser.
verify-chain-broken = The bundle itself is intact, but its proof of origin is not complete: see the lines marked ✗ above.
cli-keygen-encryption = Made an encryption key. Recipient: { $recipient } (publish it to the units, or in the notice). The identity { $identity } must stay on this machine; the recipient is also in { $public } (jianbao-age.png beside it is its QR code, to print or put in the notice).
cli-forwarded = Made the packet forwarding { $count } candidate(s) to { $profile } (workspace unit { $unit }): { $file }. Fill in this organiser’s opinion and the other fields, then check, render and export.
cli-forwarded-candidate = { $name } ({ $unit }): { $fields } field(s) and { $files } file(s) carried over (bytes unchanged).
cli-no-received-candidates = No candidates received yet in this workspace.
forward-by-id = “{ $from }” carried into “{ $to }”.
forward-by-label = “{ $from }” matched by its label and carried into “{ $to }”.
forward-reformatted = “{ $from }” carried into “{ $to }”, rewritten in the next form’s date layout.
forward-file = { $from } carried into “{ $to }” unchanged.
forward-no-place = “{ $from }”: the next level’s form has no such field; not carried.
forward-kind-differs = “{ $from }” and “{ $to }” are filled differently; not carried, for the organiser to fill.
forward-recommender = “{ $to }” is filled by the recommending unit: fill it in this organiser’s name.
forward-to-fill = “{ $to }”: the unit’s form has no such field; for the organiser to fill.
forward-slot-missing = { $from }: the next campaign has no such material; not carried.
forward-no-evidence = { $unit }’s bundle was imported without its signed evidence (by an older version); the next level cannot check its origin.
chain-originals = { $count } original bundle part(s) of { $origin } carried, verified to be the ones its signed evidence describes.

## Backup, restore and moving of the workspace; registering a unit's key

err-backup-unreadable = Cannot read the backup file { $path } ({ $reason }). Check the name and place, and that the USB drive is plugged in.
err-backup-not-backup = { $path } is not a Jianbao workspace backup ({ $reason }). Choose a .jianbao-backup file made with “Back up workspace”.
err-backup-damaged = The backup { $path } is damaged or was changed ({ $entry }: { $reason }); nothing was restored. Use another backup, or back up again on the original computer.
err-backup-format = The backup { $path } was made by a newer Jianbao (format { $reason }). Update Jianbao, then restore.
err-inside-workspace = { $path } is inside the workspace folder (or holds it). Choose a place outside the workspace.
err-unportable-name = The workspace file { $path } has a name that would not come back the same on another system, so it cannot be backed up or moved. Rename it (no special characters, not differing from another only by case) and try again.
err-workspace-moved = The workspace was moved from { $from } to { $to }, but it is not there now. Plug in the disk that holds it, or choose the workspace again in Settings.
cli-backup-done = Workspace backed up: { $file } ({ $files } files, { $size }). The backup holds the signing and decryption keys: keep it safe.
cli-restored = Workspace restored to { $path } ({ $files } files, { $size }; every file checked, database sound).
cli-moved = Workspace moved to { $path } ({ $files } files, { $size }; every copy read back and checked). The old folder keeps only a note of the new place.
cli-trusted = Registered { $unit }'s public key { $key } (fingerprint { $fingerprint }). A bundle from this unit signed with any other key will be refused.
cli-trusted-replaced = Changed { $unit }'s registered key from { $old } to { $key } (fingerprint { $fingerprint }).
err-not-a-date = “{ $field }” is not a date on the campaign’s form, so no date can be written into it. Check that the campaign profile matches this form.
err-trust-conflict = { $unit } already has another registered key, { $old }, not { $key }. If the unit really changed its key (check the fingerprint by phone), { $face ->
        [window] tick “Replace another key already registered” and register it again.
       *[cli] add --replace to register it again.
    }
cli-materials = Review materials written: { $count } candidates, one folder each, in { $dir } (contents in { $index }).

## 字数 limits (beside the live counter)

words-rule-target = about { $target } characters
words-rule-range = { $min }–{ $max } characters
words-rule-max = at most { $max } characters
words-rule-min = at least { $min } characters
err-workspace-in-use = The workspace { $path } is in use by another program (another Jianbao window or a script), so it cannot be moved now. Close the other program and try again.

## Files the window is not shown, a file changed during export, the workspace unavailable

err-not-shown-outside = { $path } is not in the workspace, so Jianbao does not show it in the window. Choose a file from the workspace.
err-not-shown-secret = { $path } is a secret key and is never shown in the window. To keep a copy, use Settings → Back up workspace.
err-not-shown-too-large = { $path } is too large to preview in the window. Use “Open folder” and view it with another program.
err-not-shown-no-thumbnail = { $path } is not a JPEG photo a thumbnail can be made of (or has too many pixels). The file itself is untouched; the findings say what is wrong with it.
err-changed-during-export = { $path } changed while it was being exported, so no bundle was written. Make sure no other program is changing it, then export again.
err-workspace-busy = The workspace is unavailable after an earlier operation failed. Close and reopen Jianbao; what was saved is safe.
