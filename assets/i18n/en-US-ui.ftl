# The window's own words (English). Findings and errors are in en-US.ftl; field labels are the notice's own.
# Ids are used by ui/src as t("id"); both files define the same ids (tested).

## app
app-name = Jianbao
app-tagline = Award recommendations: fill in, check, sign and deliver

## start
start-unit = Submit materials
start-unit-who = I recommend candidates
start-unit-what = Fill in the forms and the summary table, check every rule of the notice, export a signed bundle.
start-review = Receive and review
start-review-who = I organise the campaign
start-review-what = Import the units' bundles, verify signatures and integrity, re-check, merge the summary tables.
start-recent = My submissions
start-none = No submission yet. Choose a campaign to begin.
start-new = New submission
start-campaign = Campaign
start-add-profile = Add a campaign from a profile file (.toml)…
start-draft-profile = New campaign (draft from its notice)…

## draft
draft-title = New campaign: draft from the notice
draft-intro = Paste the organiser's notice below in full (or open it as a .txt file). Jianbao finds its rules — quota, deadline, word limits, photos, videos, documents, delivery — each with the sentence it comes from, for you to review one by one.
draft-paste = The notice
draft-open = Open the notice as a text file…
draft-text-file = Text file
draft-analyse = Find the rules
draft-review = Review each rule: keep the ticked ones, untick to leave a rule out. Under each is the notice's sentence it rests on.
draft-undecided = For you to decide
draft-back = Back
draft-edit = Edit the profile text…
draft-edit-help = The whole profile. Saving checks its format and that every quoted sentence is really in the notice.
draft-save = Save as a new campaign
draft-cancel = Back to start

## start
start-create = Start
start-candidates = { $n ->
        [one] { $n } candidate
       *[other] { $n } candidates
    }
start-updated = updated { $t }
start-open = Open
start-remove = Delete
start-remove-confirm = Delete everything filled in for “{ $name }”? Bundles already exported stay.
start-received = { $n ->
        [one] { $n } bundle received
       *[other] { $n } bundles received
    }
start-restore-sample = Add the example again

## sample
sample-badge = Example
sample-banner = This is an example workspace: a fictional unit and candidate to practise with. Change or export it freely; delete it when done.
sample-remove = Delete the example
sample-preparing = Preparing the example workspace (a fictional unit and candidate with photos and documents); it opens in a moment.

## nav
nav-home = Home
nav-rules = Rules
nav-unit = Unit
nav-candidates = Candidates
nav-unit-docs = Unit documents
nav-findings = Findings
nav-export = Export & deliver
nav-preview = Preview
nav-settings = Settings
nav-review = Review

## quota
quota = { $n } / { $max }
quota-nomax = { $n }

## cand
cand-add = Add a candidate
cand-unnamed = (no name yet)
cand-remove = Delete this candidate
cand-remove-confirm = Delete candidate “{ $name }” and their files?
cand-cover = Cover
cand-table = Form
cand-attachments = Files
cand-summary-only = Summary table columns (printed only there)

## field
field-required-mark = required
field-paper = Signed or sealed by hand on the printed form
field-choose = Choose

## review
review-rechecking = Re-checking against this workspace’s rules: { $file }
review-key-change-before = Key before
review-key-change-now = Key now
review-key-change-fingerprint = fingerprint
review-key-change-call = Call { $who } ({ $phone }) to confirm they really changed their signing key before you accept it.
review-key-change-no-phone = no telephone in the bundle; use the notice's contacts
review-key-change-accept = Accept the new key and import
review-details = Technical details

## field

## date
date-year = year
date-month = month
date-day = day
date-clear = Clear
date-unreadable = Not readable as a date; choose it again (the form writes it like { $example })

## words
words-count = { $n } chars
words-none = no limit
words-template = Suggested wording

## history
history-add = Add a row
history-remove = Delete row
history-up = Up
history-down = Down
history-empty = No entries yet; press “Add a row”.

## select
select-count = { $n } chosen
select-rule = choose { $min }–{ $max }

## files
files-drop = Drop files here, or
files-full = Full ({ $n }). To replace a file, remove it above first.
files-any-format = any format

## preview
preview-unreadable = “{ $name }” cannot be shown in the window ({ $detail }). Open it in the PDF reader instead.
preview-fit = Fit width
preview-zoom-in = Zoom in
preview-zoom-out = Zoom out

## files
files-choose = Choose files…
files-count = { $n ->
        [one] { $n } file
       *[other] { $n } files
    }
files-rule = { $min }–{ $max } needed
files-rule-min = at least { $min }
files-any = any number
files-formats = Formats
files-will-be = In the bundle as
files-remove = Remove
files-copying = Copying into the workspace and checking…
files-ok = Meets the rules
files-warning = Please check
files-error = Does not meet the rules
files-original = Originals are never modified; a copy is kept in the workspace.

## findings
findings-title = Findings
findings-none = No problems found.
findings-errors = { $n ->
        [one] { $n } error
       *[other] { $n } errors
    }
findings-warnings = { $n ->
        [one] { $n } warning
       *[other] { $n } warnings
    }
findings-unit = Unit
findings-to-fill = { $n } still to fill
findings-check-all = Check everything (unfilled counts as an error)
findings-none-yet = Nothing wrong in what is filled in.

## status
status-saved = Saved automatically { $t }
status-days-left = { $n ->
        [one] { $n } day to the deadline
       *[other] { $n } days to the deadline
    }
status-passed = Deadline passed ({ $d })
status-as-of = Deadline judged as of { $d } (the date set in the packet)
status-key = Signing key { $id }
status-no-key = No signing key yet

## rules
rules-notice = Notice
rules-deadline = Deadline
rules-strict = late submissions refused
rules-quota = Quota
rules-delivery = Delivery
rules-files = Files
rules-declarations = To be confirmed by the candidate or unit
rules-paper = Paper copies
rules-copies = { $n } copies
rules-blank = { $n } with the unit's parts blank
rules-sealed = sealed
rules-borrowed = Form borrowed from

## unitdocs
unitdocs-summary-help = The summary table is generated from the candidates; see and print it under Preview.

## preview
preview-title = Preview
preview-make = Render preview
preview-blank = Version with the unit's parts blank
preview-print = Open in the PDF reader to print
preview-folder = Open folder
preview-pages = { $n ->
        [one] { $n } page
       *[other] { $n } pages
    }
preview-loading = Rendering…
preview-choose = Choose a file to view

## export
export-title = Export & deliver
export-start = Export the bundle…
export-history = Exports
export-no-history = Nothing exported yet.
export-kind-bundle = Bundle
export-kind-usb = Copied to USB
export-kind-packet = Data export

## wizard
wizard-step1 = Check
wizard-step2 = Signature
wizard-step3 = Delivery
wizard-step4 = Progress
wizard-step5 = Done
wizard-errors = { $n ->
        [one] { $n } error remains
       *[other] { $n } errors remain
    }; correct them before exporting.
wizard-back-to-fix = Back to correct
wizard-no-problems = All checks pass: no errors and no warnings to confirm.
wizard-ack-all = Confirm each warning after checking it:
wizard-next = Next
wizard-back = Back
wizard-close = Close
wizard-key-explain = The bundle is signed with your unit's key. The same key ID is printed at the foot of every paper page, so the sealed paper copy vouches for the electronic bundle.
wizard-key-id = Your unit's key ID
wizard-create-key = Create a signing key
wizard-mail = By e-mail
wizard-mail-help = Split into parts under the mailbox limit, one mail each.
wizard-part-size = Largest attachment per mail (MB)
wizard-usb = On a USB stick
wizard-usb-help = Usually one file (split at 4 GB, the FAT32 limit of most sticks); copied to the stick and read back to verify.
wizard-usb-folder = Folder on the USB stick
wizard-choose-folder = Choose folder…
wizard-export = Export
wizard-working = Working on: { $file }
wizard-cancel = Cancel
wizard-cancelling = Cancelling…
wizard-copying = Copying to the USB stick and verifying…
wizard-done = Bundle exported, signing key ID { $id }.
wizard-open-folder = Open folder
wizard-parts = Parts and their files
wizard-mail-to = To
wizard-subject = Subject
wizard-body = Body
wizard-copy = Copy
wizard-copied = Copied
wizard-usb-done = Copied to the USB stick and verified:
wizard-paper = Paper checklist
wizard-print-list = Print the checklist

## review
review-import = Import bundles…
review-drop = Drop the units' bundles (zip or encrypted zip.age files, or folders) here, several at once.
review-bundles = Bundles received
review-no-bundles = No bundle imported yet.
review-col-no = No.
review-col-unit = Unit
review-col-received = Received
review-col-signature = Signature
review-col-integrity = Integrity
review-col-recheck = Re-check
review-col-late = Late
review-col-resubmit = Resubmitted
review-key-first-seen = first seen, recorded
review-key-same = same as before
review-key-changed = key changed!
review-intact = intact
review-refused = not imported
review-files = { $ok } of { $n } files verified
review-replaced = replaced by a newer version
review-yes = yes
review-no = no
review-v2 = version { $n }
review-candidates = Candidates
review-col-seq = No.
review-col-name = Name
review-col-gender = Gender
review-col-domain = Field
review-col-problems = Problems
review-filter-unit = All units
review-filter-problems = with problems
review-filter-late = late
review-filter-resubmitted = resubmitted
review-filter-duplicate = recommended twice
review-duplicate-of = also recommended by “{ $unit }”
review-summary = Export summary table
review-receipts = Write receipts
review-written = Written:
review-detail = Candidate
review-pdf = View the form
review-close = Close
review-no-candidates = No candidates match.
review-bundle-files = Bundles (.zip, encrypted .zip.age)
review-forward-title = Forward to the next level

## unit
unit-forwarded = Forwarded
unit-forwarded-from = { $names } from { $unit } (key { $key }): photos, videos and documents carried over unchanged; the export carries that unit’s signed evidence for the next level to check.
unit-forwarded-no-evidence = { $names } from { $unit }: its bundle was imported without signed evidence; the next level cannot check the origin.

## review
review-chain = Proof of origin
review-pick = Pick
review-pick-one = Pick { $name }
review-pick-hint = Tick the candidates to recommend to the next level, then “Forward”.
review-picked = { $n ->
        [one] { $n } candidate picked
       *[other] { $n } candidates picked
    }
review-forward = Forward to the next level…
review-forward-who = Forwarding: { $names }
review-forward-profile = Next level’s campaign
review-forward-profile-help = Not listed? Add it on the start screen from a profile file or draft it from its notice first.
review-forward-organiser = This organiser’s name (as recommending unit)
review-forward-explain = Fields that match and every photo, video and document are carried over as they are (not copied, not changed), with each unit’s signed evidence so the next level can check their origin; this organiser fills in its own opinion.
review-forward-go = Make the forwarded packet
review-forward-done = Forwarded packet made ({ $n ->
        [one] { $n } candidate
       *[other] { $n } candidates
    }). Open it to fill in this organiser’s part, check it and export the bundle.
review-forward-carried = { $fields ->
        [one] { $fields } field
       *[other] { $fields } fields
    } and { $files ->
        [one] { $files } file
       *[other] { $files } files
    } carried over unchanged.
review-forward-no-evidence = This bundle was imported by an older version without its signed evidence: the next level cannot check its origin.
review-forward-open = Open the forwarded packet
review-forward-originals = Also carry each unit’s original bundle (read from where it was imported, checked first; encrypted ones decrypted)
review-forward-originals-done = { $n ->
        [one] { $n } original bundle part
       *[other] { $n } original bundle parts
    } carried (any missing or changed is left out; the signed evidence still proves the origin).

## wizard
wizard-seal = Encrypt to the organiser (optional)
wizard-seal-help = Enter the recipient the organiser published (starting with age1), or open its recipient file. Only the organiser can open the parts; the signature still holds.
wizard-seal-file = Open recipient file…

## settings
settings-recipient = Encryption recipient (organisers)
settings-recipient-help = An organiser makes it once and publishes the recipient to the units (in the notice, or as a file). Units encrypt their bundles to it and only this machine can open them; the identity never leaves this workspace.
settings-create-recipient = Create encryption key
settings-export-recipient = Export recipient file…
settings-export-qr = Export QR code image…
settings-qr-alt = QR code of the encryption recipient
settings-title = Settings
settings-lang = Language
settings-font = Font size
settings-back = Back
settings-workspace = Workspace
settings-open-workspace = Open the workspace folder
settings-keys = Signing key
settings-export-pub = Export public key…
settings-pub-exported = Public key saved to { $path }
settings-tech-fold = Technical details
settings-tech = A bundle is a BagIt 1.0 bag in zip parts with SHA-256 manifests, signed with minisign (Ed25519). Data lives in the workspace's SQLite database; files are stored by content hash and originals are never modified.
settings-care = Backup and moving
settings-care-help = A backup holds the whole workspace: the database, every attached file, campaign profiles, the signing and decryption keys and the files made. Keep it somewhere safe (an encrypted USB drive). Restoring checks every file; a damaged backup restores nothing.
settings-backup = Back up workspace…
settings-backup-name = jianbao-workspace.jianbao-backup
settings-backup-files = Jianbao backups
settings-backup-done = Backed up: { $path } ({ $files } files, { $size })
settings-restore = Restore from backup…
settings-restore-to = Choose the folder to restore into (an empty one)
settings-restored = Restored, now working in { $path }. The previous workspace is left as it was.
settings-move = Move workspace…
settings-move-to = Choose the new place (an empty folder)
settings-moved = Workspace moved to { $path }. The old place keeps only a note pointing to the new one.
settings-working = Working on: { $file }

## task
task-steps = { $done } of { $total }

## review
review-materials = Export review materials
review-materials-done = Review materials written: { $n } candidates, one folder each (number-unit-name), with a contents spreadsheet.
review-keys = Registered unit keys
review-example-as-of = an example, judged as of its own date { $d }
review-keys-help = Before a unit's bundle arrives you can register the public key it sent you (check the fingerprint by phone). A bundle from that unit signed with any other key is then refused.
review-keys-none = No unit key registered yet. A unit's key is registered with its first bundle.
review-trust-unit = Unit name (exactly as it signs its bundles)
review-trust-pick = Choose the public key file and register…
review-trust-files = Public key files
review-trust-replace = Replace another key already registered
review-trusted = Registered { $unit }'s key { $key }, fingerprint { $fingerprint }.
review-trusted-replaced = Changed { $unit }'s key from { $old } to { $key }, fingerprint { $fingerprint }.
review-col-fingerprint = Fingerprint

## common
common-working = Working…
common-error = Something went wrong
common-dismiss = OK
