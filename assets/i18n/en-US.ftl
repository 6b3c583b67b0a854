### 荐报 Jianbao — English message catalog. A message id is its stable code; every message says what is
### wrong and what to do about it.

## Errors

err-io = Cannot read or write { $path }: { $reason }. Check that the path is right, that no other program holds the file, and that you may read and write there.
err-profile-invalid = The campaign profile { $file } has { $count } problem(s) and cannot be used. Fix the file as shown below and try again (format: docs/profiles.md):
err-profile-unknown = There is no campaign profile “{ $id }”. Use one of: { $known }; `jianbao profiles` lists them all.
err-packet-invalid = The packet { $file } has { $count } structural problem(s) and cannot be read. Fix it as shown below (the JSON path follows $) and try again (format: docs/packet.md):
err-packet-missing-file = The packet { $file } names { $path }, which cannot be read: { $reason }. Put the file back, or correct the path (relative to the packet file's folder).
err-store = The workspace database { $path } failed: { $reason }. Close any other Jianbao window using this workspace and try again; if it still fails, restore the workspace from a backup.
err-store-corrupt = The workspace { $path } is incomplete: { $reason }. Restore it from a backup or import the packet again.
err-unit-not-found = “{ $wanted }” is not in the workspace. Units there: { $known }. Choose one with --unit.
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
packet-unknown-slot = { $at }: this campaign has no attachment slot “{ $value }”. `jianbao profile show` lists the slots.
packet-slot-not-media = { $at }: “{ $value }” is a document slot; list the file under documents, not media.
packet-slot-not-document = { $at }: “{ $value }” is a photo or video slot; list the file under media, not documents.
packet-bad-path = { $at }: the path “{ $value }” is not usable ({ $reason }). Write it relative to the packet file's folder with “/”, e.g. media/张三1.jpg.
packet-unknown-field = { $at }: the campaign's form has no field “{ $value }”. Remove it or use a field id that `jianbao profile show` lists.
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
show-strict = (late materials refused)
show-quota = Quota per unit
show-delivery = Delivery
show-candidate-form = Recommendation form fields
show-unit-form = Recommending unit
show-summary = Summary table
show-candidate-slots = Attachments per candidate
show-unit-slots = Attachments of the unit
show-deliverables = Materials to hand in
show-declarations = Points the unit confirms
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
bg-red = red background
bg-white = white background
bg-blue = blue background
