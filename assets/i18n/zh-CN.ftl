### 荐报 Jianbao — 简体中文消息目录。每条消息的 id 即其稳定代码；每条都说明问题所在和解决办法。

## 错误

err-io = 无法读写文件 { $path }：{ $reason }。请确认路径正确、文件未被其他程序占用，并且有读写权限。
err-disk-full = 磁盘空间不足，无法写入 { $path }。请清理该磁盘，或换一个空间足够的文件夹或 U 盘后重试；不会留下不完整的文件。
err-profile-invalid = 活动配置文件 { $file } 有 { $count } 处问题，无法使用。请按下列提示修改该文件后重试（格式说明见 docs/profiles.md）：
err-profile-unknown = 没有编号为“{ $id }”的活动配置。请使用以下之一：{ $known }；{ $face ->
        [window] 或在“选择活动”列表中查看全部活动。
       *[cli] 或用 jianbao profiles 查看全部活动。
    }
err-packet-invalid = 报送数据文件 { $file } 有 { $count } 处结构问题，无法读取。请按下列提示（$ 后为出错位置）修改后重试（格式说明见 docs/packet.md）：
err-packet-missing-file = 报送数据 { $file } 引用的文件 { $path } 无法读取：{ $reason }。请把该文件放回原位置，或在数据中改为正确的路径（相对于报送数据文件所在文件夹）。
err-store = 工作区数据库 { $path } 出错：{ $reason }。请关闭其他正在使用该工作区的荐报窗口后重试；如仍失败，请从备份恢复工作区。
err-store-corrupt = 工作区 { $path } 的数据不完整：{ $reason }。请从备份恢复工作区，或重新导入报送数据。
err-unit-not-found = 工作区中没有找到“{ $wanted }”。现有单位：{ $known }。{ $face ->
        [window] 请从列表中选择其中一个。
       *[cli] 请用 --unit 指定其中一个编号。
    }
err-output-not-empty = 输出文件夹 { $path } 不是空的。为避免与其他文件混在一起，请指定一个新的或空的文件夹。

## 活动配置文件中的问题（{ $at } 是出错的键）

where-line = （第 { $line } 行）
profile-syntax = 文件不是合法的 TOML：{ $detail }。请检查引号、括号和等号是否成对、完整。
profile-unknown-key = { $at } 处有无法识别的键（{ $detail }）。请删除它，或改为 docs/profiles.md 中列出的键名。
profile-missing-key = { $at } 缺少必需的键（{ $detail }）。请补上。
profile-negative-limit = { $at } 的限值不能为负数或超出范围（{ $detail }{ $value }）。请改为不小于 0 的合理数值。
profile-wrong-type = { $at } 的值类型不对（{ $detail }）。请按 docs/profiles.md 写成正确的类型（文字加引号，数字不加）。
profile-invalid-value = { $at } 的值不合法：{ $detail }。请按 docs/profiles.md 修改。
profile-unknown-value = { $at } 的取值无法识别（{ $detail }{ $value }）。请改为 docs/profiles.md 列出的取值之一。
profile-format = format 应为“jianbao-profile/1”，现为“{ $value }”。请改正，或使用与本版本荐报相符的配置文件。
profile-bad-id = { $at } 的编号“{ $value }”不合规：编号只能由小写英文字母、数字、“-”和“_”组成，并以字母或数字开头。
profile-empty = { $at } 不能为空。请填写内容。
profile-bad-date = { $at } 的日期“{ $value }”无法识别。请写成 YYYY-MM-DD，如 2021-06-02。
profile-limit-order = { $at } 的下限 { $min } 大于上限 { $max }。请调整为下限不大于上限。
profile-unknown-field = { $at } 引用了不存在的字段“{ $value }”。请改为本表单中已定义的字段编号。
profile-unknown-slot = { $at } 引用了不存在的附件类别“{ $value }”。请改为 candidate_slots 或 unit_slots 中已定义的编号。
profile-clause-authority = { $at } 必须且只能写明一种依据：notice = "通知的条目编号"（并附 quote 原文）、form = "表格中的位置"（并附 quote 原文），或 advice = "我们的建议"。请只保留其中一种。
profile-clause-no-quote = { $at } 引用了通知或表格，却没有原文。请加上 quote = "…"，逐字抄录原句（省略处用“……”）。
profile-clause-advice-quote = { $at } 是建议，却附有原文 quote。建议用我们自己的话写：请删去 quote，或改为 notice = "…" 引用通知。
profile-quote-not-in-notice = { $at } 引用的“{ $value }”在通知原文中找不到。请从通知中逐字抄录（省略处用“……”），或将该规则标为建议（advice）。
profile-quote-not-in-form = { $at } 引用的“{ $value }”在表格原文中找不到。请从表格的填表说明中逐字抄录，或将该规则标为建议（advice）。
profile-notice-header = { $at } 与通知原文的抬头不一致（原文为“{ $value }”）。请照通知原文填写。
profile-duplicate-id = { $at } 的编号“{ $value }”重复。同一张表单（或同一组附件）中的编号必须各不相同，请改名。
profile-no-summary = { $at } 要求汇总表，但配置中没有 [summary] 部分。请补充汇总表定义，或删除该项。
profile-no-choices = { $at }：选择题字段必须给出 choices（选项列表）或 choice_list（标准列表名）。请补上。
profile-misplaced-rule = { $at } 这条规则不适用于该类型（{ $value }）。请删除它，或改正字段/附件的类型。
profile-unknown-list = { $at } 引用了不存在的标准列表“{ $value }”。可用：gender、ethnicity、political_status、party_member_status、education、degree。
profile-bad-pattern = { $at } 的正则表达式“{ $value }”无效：{ $detail }。请改正。
profile-bad-format = { $at } 的日期格式“{ $value }”不受支持。日期可用 YYYY年MM月DD日、YYYY-MM-DD、YYYY.MM.DD；年月可用 YYYY年MM月、YYYY.MM、YYYY-MM。
profile-format-mismatch = { $at } 的格式“{ $value }”与附件类别不符（照片用 jpeg/png，视频用 mp4/mov，文档用 pdf/docx）。请改正。
profile-bad-naming = { $at } 的命名规则中有无法识别的占位符“{ $value }”。可用：{"{"}姓名{"}"}、{"{"}单位{"}"}、{"{"}序号{"}"}、{"{"}材料{"}"}。

## 报送数据文件中的问题（{ $at } 是 JSON 路径）

packet-syntax = { $at } 处不是合法的 JSON：{ $detail }。请检查逗号、引号和括号。
packet-structure = { $at } 的结构不对：{ $detail }。请按 docs/packet.md 修改。
packet-format = $.format 应为“jianbao-packet/1”，现为“{ $value }”。请改正。
packet-unknown-profile = { $at }：没有编号为“{ $value }”的活动配置。请改为以下之一：{ $known }。
packet-bad-candidate-id = { $at }：候选人编号“{ $value }”不可用。编号不能为空，不能含“/”“\”或控制字符，长度不超过 64。
packet-duplicate-candidate = { $at }：候选人编号“{ $value }”重复。每位候选人的编号必须不同。
packet-unknown-slot = { $at }：本活动没有名为“{ $value }”的附件类别。{ $face ->
        [window] 可用的附件类别见“活动要求”页。
       *[cli] 请用 jianbao profile show 查看可用的附件类别。
    }
packet-slot-not-media = { $at }：“{ $value }”是文档类别，应放在 documents 中，而不是 media 中。
packet-slot-not-document = { $at }：“{ $value }”是照片或视频类别，应放在 media 中，而不是 documents 中。
packet-bad-path = { $at }：路径“{ $value }”不可用（{ $reason }）。请写相对于报送数据文件所在文件夹的路径，用“/”分隔，如 media/张三1.jpg。
packet-unknown-field = { $at }：本活动的表单中没有字段“{ $value }”。{ $face ->
        [window] 请删除它，或改为“活动要求”页列出的字段。
       *[cli] 请删除它，或改为 jianbao profile show 列出的字段编号。
    }
packet-wrong-type = { $at } 的值类型不对，应为：{ $expected }。
reason-empty = 路径为空
reason-absolute = 不能用绝对路径
reason-backslash = 请用“/”而不是“\”分隔
reason-control = 含有控制字符
reason-long = 路径过长
expected-string = 文字（用引号括起的字符串）
expected-strings = 文字列表，如 ["面向经济主战场"]
expected-rows = 表格行的列表，每行是 {"{"}"列编号": "内容"{"}"}
expected-none = 不填（照片来自附件类别）

## 命令行输出

cli-draft-written = 已写出草稿 { $file }（编号 { $id }），通知原文保存在同名的 .notice.txt 中。请逐条核对后再使用。
cli-draft-found = 从通知中找到 { $n } 条规则：
cli-draft-undecided = 需要人工确认：
cli-profile-ok = 配置文件 { $file } 有效：{ $id }（{ $title }），推荐表 { $fields } 个字段，{ $slots } 类附件。
cli-sample-written = 已生成示例报送数据 { $file }（{ $title }）。示例中的人物、单位和材料均为虚构。
cli-imported = 已导入到工作区 { $workspace }：单位编号 { $id }（{ $name }），候选人 { $count } 名；原文件未作任何改动。
cli-exported = 已导出单位 { $id } 的报送数据：{ $file }
cli-workspace-empty = 工作区中还没有单位。请用 jianbao workspace import 导入报送数据，或用 jianbao sample 生成示例。
cli-unit-line = 候选人 { $count } 名，更新于 { $at }
show-profile-line = 主办：{ $organiser } · 截止：{ $deadline } · 每单位名额：{ $quota }
show-no-deadline = 无固定截止日期
show-any-number = 数量不限
show-at-least = 至少 { $n }
show-organiser = 主办单位
show-notice = 通知
show-form = 表格
show-borrowed = 借用
show-deadline = 截止时间
show-strict = （过期不候）
show-quota = 每单位名额
show-delivery = 报送
show-candidate-form = 推荐表字段
show-unit-form = 推荐单位信息
show-summary = 汇总表
show-candidate-slots = 每位候选人的附件
show-unit-slots = 推荐单位的附件
show-deliverables = 需提交的材料
show-declarations = 需由推荐单位确认的事项
show-advised = 建议填写
show-any-format = 任何格式
show-pdf-scan = pdf（签字盖章后的扫描件）
show-required = 必填
show-words-max = 不超过 { $n } 字
show-words-min = 不少于 { $n } 字
show-words-target = 约 { $n } 字（±{ $tol }）
show-forbidden = 不得填写：{ $values }
show-files = { $n } 个
show-naming = 命名：{ $rule }
show-paper = 纸质 { $n } 份
show-paper-blank = 纸质 { $n } 份（其中 { $blank } 份推荐单位栏留白）
show-no-paper = 仅电子版
kind-text = 文字
kind-long-text = 长文本
kind-date = 日期
kind-year-month = 年月
kind-choice = 单选
kind-multi-choice = 多选
kind-mobile = 手机号
kind-phone = 固定电话
kind-email = 电子邮箱
kind-postcode = 邮编
kind-history = 经历表
kind-photo = 照片
authority-notice = 通知
authority-form = 填表说明
authority-advice = 建议
authority-program = 程序上限
filekind-jpeg = JPEG（JPG）
filekind-png = PNG
filekind-heic = HEIC（苹果手机默认格式）
filekind-avif = AVIF
filekind-tiff = TIFF
filekind-bmp = BMP 位图
filekind-webp = WebP
filekind-gif = GIF
filekind-mp4 = MP4 视频
filekind-mov = MOV 视频
filekind-pdf = PDF
filekind-zip = ZIP 压缩包或 Word/Excel 文档
filekind-empty = 空文件
filekind-unknown = 无法识别的格式
bg-red = 红底
bg-white = 白底
bg-blue = 蓝底
bg-grey = 灰底
bg-other = 其他颜色
bg-mixed = 深浅不一的颜色
packet-bad-date = { $at }：日期“{ $value }”无法识别，请写成 YYYY-MM-DD，如 2021-05-20。

## 检查结果（每条说明问题在哪、如何改正）

file-as-attached = “{ $name }”（报送时名为“{ $packet }”）
file-as-attached-same = “{ $name }”
who-candidate = 候选人“{ $name }”
who-candidate-unnamed = 第 { $n } 位候选人（未填姓名）
who-unit = 推荐单位信息
materials-none = { $who }的“{ $materials }”一项也没有提供：以下至少提供一种：{ $options }。
materials-needed-with = { $who }提供了“{ $because }”，还需同时提供“{ $materials }”：{ $options }。
field-advised = { $who }的“{ $field }”未填写。建议填写（通知未作要求，可留空）。{ $hint }
field-required = { $who }的“{ $field }”未填写。请填写。{ $hint }
field-choice = { $who }的“{ $field }”填写为“{ $value }”，不是规范选项。请改为以下之一：{ $choices }。
field-select-min = { $who }的“{ $field }”至少要勾选 { $min } 项。可选：{ $choices }。
field-select-max = { $who }的“{ $field }”勾选了 { $count } 项，最多只能勾选 { $max } 项。请删去多余的。
field-mobile = { $who }的“{ $field }”为“{ $value }”，不是有效的手机号码（11 位数字，以 1 开头）。请核对后重填。
field-phone = { $who }的“{ $field }”为“{ $value }”，不是带区号的固定电话。请按“区号-号码”填写，如 0477-8581185。
field-phone-is-mobile = { $who }的“{ $field }”填写的“{ $value }”是手机号。此栏应填写带区号的办公固定电话，如 0477-8581185；手机号请填在“手机”栏。
field-email = { $who }的“{ $field }”为“{ $value }”，不是有效的电子邮箱地址。请按 name@example.com 的格式填写，注意使用半角“@”和“.”。
field-postcode = { $who }的“{ $field }”为“{ $value }”，邮政编码应为 6 位数字，如 017200。
field-date = { $who }的“{ $field }”为“{ $value }”，无法识别为日期。请用阿拉伯数字按“{ $example }”的格式填写。
field-date-format = { $who }的“{ $field }”写成了“{ $value }”，本表要求统一写作“{ $suggestion }”。请改为“{ $suggestion }”。
field-words-max = { $who }的“{ $field }”共 { $count } 字（汉字 { $han }），超过了 { $max } 字的上限 { $over } 字。请删减到 { $max } 字以内（字数按 Word“字数统计”口径计算）。
field-words-min = { $who }的“{ $field }”共 { $count } 字，少于要求的 { $min } 字。请补充内容。
field-words-target = { $who }的“{ $field }”共 { $count } 字，通知要求约 { $target } 字（{ $low }–{ $high } 字为宜）。请适当调整篇幅。
field-forbidden = { $who }的“{ $field }”不能填写“{ $value }”。{ $hint }。
field-pattern = { $who }的“{ $field }”为“{ $value }”，格式不符合要求。{ $hint }。
field-must-contain = { $who }的“{ $field }”没有明确表态。{ $hint }。
field-too-long = { $who }的“{ $field }”有 { $count } 个字符，超过荐报能处理的上限 { $limit } 个字符（这是程序的上限，不是通知的要求）。请删去多余的内容，长篇材料请作为附件上传。
field-too-many-rows = { $who }的“{ $field }”有 { $count } 行，超过荐报能处理的上限 { $limit } 行。请合并或删去多余的行。
history-rows-min = { $who }的“{ $field }”只有 { $count } 行，至少需要 { $min } 行。请补充学习工作经历。
history-rows-max = { $who }的“{ $field }”有 { $count } 行，最多 { $max } 行。请合并或删减。
history-cell-missing = { $who }的“{ $field }”第 { $row } 行缺少“{ $column }”。请补全。
history-open-end = { $who }的“{ $field }”第 { $row } 行写了“{ $value }”，但它不是最后一行。“至今”只能用于最后一段经历，请改为具体年月。
history-date = { $who }的“{ $field }”第 { $row } 行的“{ $value }”无法识别为年月。请用阿拉伯数字按“{ $example }”的格式填写。
history-date-format = { $who }的“{ $field }”第 { $row } 行写成了“{ $value }”，请统一写作“{ $suggestion }”。
history-end-before-start = { $who }的“{ $field }”第 { $row } 行的结束时间 { $to } 早于开始时间 { $from }。请核对。
history-order = { $who }的“{ $field }”第 { $row } 行早于第 { $previous } 行。请按时间先后顺序排列。
history-overlap = { $who }的“{ $field }”第 { $row } 行与第 { $previous } 行的时间重叠。请核对起止年月。
history-before-graduation = { $who }的“{ $field }”从 { $earliest } 之前填起（出生后不足 { $years } 年）。学习工作经历应从中专或大学毕业后填起，请删去更早的经历。
quota-min = 本单位推荐了 { $count } 名候选人，至少需要 { $min } 名。请添加候选人。
quota-max = 本单位推荐了 { $count } 名候选人，超过名额 { $max } 名。请减少到 { $max } 名以内。
deadline-passed-strict = 截止时间（{ $deadline }）已过 { $days } 天，本活动过期不候。请立即与组织单位联系确认是否还能报送。
deadline-passed = 截止时间（{ $deadline }）已过 { $days } 天。请尽快报送，并与组织单位联系说明情况。
deadline-near = 距截止时间（{ $deadline }）只剩 { $days } 天。请尽早完成检查并报送，纸质材料需留出邮寄时间。
duplicate-candidate = 候选人“{ $name }”被录入了两次（第 { $first } 位与第 { $second } 位，姓名及出生年月、手机或邮箱相同）。请删除重复的一份。
duplicate-name = 有两位候选人都叫“{ $name }”（第 { $first } 位与第 { $second } 位）。如果是同一人，请删除重复的一份；如果是同名的两个人，可以忽略此提示。
slot-count-min = { $who }的“{ $slot }”有 { $count } 个，至少需要 { $min } 个。请补充。
slot-count-max = { $who }的“{ $slot }”有 { $count } 个，最多 { $max } 个。请删去多余的。
file-missing = { $who }的“{ $slot }”文件 { $file } 找不到。请把文件放回原处，或重新添加。
file-empty = { $who }的“{ $slot }”文件 { $file } 是空文件（0 字节）。请重新复制原文件。
file-unreadable = { $who }的“{ $slot }”文件 { $file } 无法读取（{ $detail }）。请检查文件是否被占用或损坏，并重新添加。
file-duplicate = { $who }“{ $slot }”中的文件 { $file } 与{ $other_who }“{ $other_slot }”中的文件 { $other } 内容完全相同，同一张照片或文件被重复提交。请换成另一张。
photo-heic = 照片 { $file } 实际是 HEIC 格式（苹果手机默认格式），不是 JPG。请在手机“设置→相机→格式”中选择“兼容性最佳”后重拍，或用“照片”应用导出为 JPG，不要只改文件扩展名。
photo-png = 照片 { $file } 实际是 PNG 格式，不是 JPG。请用相机或手机原图（JPG），或用图片软件“另存为 JPG”，不要只改文件扩展名。
photo-webp = 照片 { $file } 实际是 WebP 格式（常见于网页和聊天软件保存的图片），不是 JPG。请使用相机或手机拍摄的原图。
photo-format = 文件 { $file } 实际是 { $kind }，本项要求 { $formats } 格式的照片。请用相机或手机原图，或用图片软件另存为 { $formats }，不要只改文件扩展名。
video-mov-not-allowed = 视频 { $file } 是 MOV 格式，本活动只接受 { $formats }。请用手机或剪辑软件导出为 MP4。
video-format = 文件 { $file } 不是 MP4 或 MOV 视频（识别为 { $kind }），本项要求 { $formats }。请换成视频原文件。
doc-format = 文件 { $file } 的格式不对（识别为 { $kind }），“{ $slot }”要求 { $formats }。请扫描或导出为 { $formats }。
photo-truncated = 照片 { $file } 不完整（文件被截断，可能复制或下载未完成）。请重新从原始来源复制。
photo-too-many-pixels = 照片 { $file } 的文件头声称尺寸异常巨大（{ $detail }），无法作为照片使用。请换成相机或手机拍摄的原图。
photo-too-large = 照片 { $file } 过大，无法读取。请换成相机或手机拍摄的原图。
photo-corrupt = 照片 { $file } 已损坏，无法读取（{ $detail }）。请重新从原始来源复制。
photo-bytes-min = 照片 { $file } 为 { $size }，本活动要求不小于 { $min }，还差 { $short }。请使用相机或手机原图，不要用聊天软件转发的压缩图。
id-photo-bytes-min = 证件照 { $file } 为 { $size }（{ $pixels } 像素），本活动要求不小于 { $min }，还差 { $short }。请向照相馆索取原始的高分辨率电子文件；不要通过放大、补白或反复保存来增大文件，那样会降低画质。
photo-bytes-max = 照片 { $file } 为 { $size }，超过了 { $max } 的上限（多出 { $over }）。请适当压缩后重试。
photo-pixels-min = 照片 { $file } 只有 { $pixels } 像素，低于要求的 { $min }。请使用更清晰的原图。
photo-dpi-unknown = 照片 { $file } 没有记录分辨率（dpi），本活动要求 { $min } dpi。请在图片软件中把分辨率设为 { $min } dpi（不改变像素）后保存，或向拍摄者索取原图。
photo-dpi-min = 照片 { $file } 的分辨率为 { $dpi } dpi，本活动要求 { $min } dpi。请在图片软件中把分辨率设为 { $min } dpi（不重新采样）后保存。
id-photo-ratio = 证件照 { $file } 为 { $pixels } 像素，长宽比例与{ $size }（{ $mm } 毫米）不符。请使用照相馆按{ $size }规格拍摄的原图，不要自行裁剪拉伸。
id-photo-background = 证件照 { $file } 的背景是{ $got }（颜色约为 { $rgb }），本活动要求{ $want }。请到照相馆重新拍摄{ $want }证件照。
id-photo-background-unclear = 证件照 { $file } 背景上方两角的颜色不一致（平均约为 { $rgb }），无法确认是{ $want }：可能有阴影、头发或杂物。请打开照片看一看，确认是{ $want }标准证件照。
id-photo-background-unknown = 证件照 { $file } 像素过多，未能解码判断背景颜色。请打开照片看一看，确认是{ $want }标准证件照。
video-truncated = 视频 { $file } 不完整（{ $detail }）。请重新从手机或相机复制完整的原文件。
video-no-track = 视频 { $file } 里没有画面（只有声音或为空）。请换成视频原文件。
video-corrupt = 视频 { $file } 已损坏，无法读取（{ $detail }）。请重新从手机或相机复制原文件。
video-duration-max = 视频 { $file } 时长 { $duration }，超过了 { $max } 分钟的上限。请剪辑到 { $max } 分钟以内。
video-duration-min = 视频 { $file } 时长 { $duration }，少于要求的 { $min } 分钟。请补充内容。
video-resolution = 视频 { $file } 的画面为 { $size }（{ $codec }），本活动要求 { $allowed }。请在手机相机设置中选择 1080p 拍摄，或用剪辑软件按此分辨率导出。
video-resolution-min = 视频 { $file } 的画面为 { $size }，低于要求的 { $min }。请用 1080p 或更高清晰度拍摄或导出。
doc-truncated = “{ $slot }”文件 { $file } 不完整（缺少文件结尾）。请重新扫描或导出 PDF。
doc-corrupt = “{ $slot }”文件 { $file } 已损坏，无法读取（{ $detail }）。请重新扫描或导出 PDF。
doc-encrypted = “{ $slot }”文件 { $file } 设置了密码或加密保护，评审无法打开。请导出一份不加密的 PDF。
doc-pages = 文件 { $file } 有 { $pages } 页，要求 { $want } 页。请核对是否扫描完整。

## 检查命令输出

check-unit = 推荐单位
check-summary = 共 { $errors } 个错误、{ $warnings } 个提醒。
check-clean = 检查通过：没有发现错误。
check-has-errors = 请先改正全部错误再导出报送包。
severity-error = 错误
severity-warning = 提醒
clause-label = 依据
wordcount-words = 字数
wordcount-han = 汉字
wordcount-chars-no-spaces = 字符数(不计空格)
wordcount-chars-with-spaces = 字符数(计空格)
inspect-kind = 类型
inspect-bytes = 大小
inspect-pixels = 像素
inspect-orientation = 方向
inspect-dpi = 分辨率
inspect-background = 背景
inspect-duration = 时长
inspect-display = 画面
inspect-codec = 编码
inspect-pages = 页数
inspect-encrypted = 加密
inspect-problem = 问题
yes = 是
no = 否
err-render = 无法生成 { $what }：{ $reason }。请检查报送数据后重试；如仍失败，请把这条信息发给技术支持。
err-unknown-variant = 本活动的表格没有名为“{ $wanted }”的打印版本。可用：{ $known }。
err-key = 签名密钥 { $path } 无法使用：{ $reason }。请确认文件完整、口令正确，{ $face ->
        [window] 或在“设置”中新建签名密钥。
       *[cli] 或用 jianbao keygen 新建密钥。
    }
err-key-exists = { $path } 已有签名密钥，为防止误删，不会覆盖。{ $face ->
        [window] 如确需新密钥，请换一个文件夹。
       *[cli] 如确需新密钥，请换一个文件夹（--out）。
    }
err-not-ready = 报送数据还有 { $errors } 个错误（另有 { $warnings } 个提醒未确认），不能导出报送包。{ $face ->
        [window] 请先在“检查结果”中查看并改正；提醒可在导出向导中核实后确认。
       *[cli] 请先用 jianbao check 查看并改正；提醒可在核实后用 --accept-warnings 确认。
    }
err-too-large-for-part = 文件 { $path }（{ $size }）大于分卷大小 { $part }，无法放进邮件附件。{ $face ->
        [window] 请改用 U 盘报送（在导出向导中选择 U 盘），
       *[cli] 请改用 U 盘报送（不分卷，或 --part-size fat32），
    }或请组织单位提供其他传送方式。
cli-keygen = 已生成签名密钥，密钥 ID：{ $id }（保存在 { $dir }）。请妥善保管 jianbao.key，不要发给他人；jianbao.pub 可以交给组织单位。
cli-keygen-fingerprint = 公钥指纹：{ $fingerprint }（组织单位可在电话中与你逐组核对）。
cli-exported-bundle = 已导出报送包 { $count } 个分卷（组编号 { $group }，签名密钥 ID { $id }，记录提醒 { $warnings } 条）。请按分卷依次发送，或复制到 U 盘。

## 报送包校验

verify-ok = 校验通过：{ $unit }，分卷 { $part }，文件 { $files } 个完整无改动，签名密钥 ID { $key }。
verify-not-pinned = 注意：签名者未经核实。包内文件完整，但只是用包里自带的公钥核对的，任何人都能做出这样的包。{ $face ->
        [window] 请向推荐单位索取公钥文件，在“已登记的单位公钥”中登记后再导入，
       *[cli] 请向推荐单位索取公钥文件（--pubkey）再校验，
    }或打电话核对公钥指纹 { $fingerprint }。
verify-bad = 校验未通过，原因如下：
verify-all-ok = 全部报送包校验通过。
verify-all-bad = 有报送包未通过校验，请勿使用其中的材料，并请推荐单位重新发送。
bundle-unreadable = 无法读取这个报送包文件。请重新下载或复制一份再导入。
bundle-not-zip = 这不是完整的 zip 文件：可能下载未完成或文件已损坏。请重新下载，或请对方重新发送。
bundle-duplicate-name = 包内有重名文件 { $entry }，可能被人改动过。已拒收，请对方重新导出。
bundle-zip-bomb = 包内文件 { $entry } 的压缩比异常（{ $detail }），疑似“压缩炸弹”，已拒收。
bundle-absolute-path = 包内文件名 { $entry } 是绝对路径，解压时可能覆盖电脑上的文件，已拒收。
bundle-path-traversal = 包内文件名 { $entry } 含有“..”等越级路径，解压时可能写到文件夹以外，已拒收。
bundle-symlink = 包内 { $entry } 是符号链接，可能指向电脑上的其他文件，已拒收。
bundle-layout = 包内文件 { $entry } 不在报送包的文件夹中，格式不对，已拒收。
bundle-corrupt = 包内文件 { $entry } 已损坏，无法读出。请对方重新发送。
bundle-not-bagit = 报送包缺少或损坏了 { $entry }（{ $detail }），不是荐报导出的完整报送包。请对方重新导出。
bundle-wrong-key = 签名密钥不符（{ $detail }）。报送包可能不是该单位签发的；请与单位电话核对密钥 ID。
bundle-bad-signature = 数字签名无效（{ $detail }）。报送包在签名后被改动过，或签名被替换，已拒收。
bundle-comment-mismatch = 签名中的单位、活动或分卷信息与包内说明不一致（{ $detail }），可能被改动过，已拒收。
bundle-altered = 文件 { $entry } 与签名时不一致（{ $detail }），已被改动或损坏。请对方重新发送。
bundle-missing-file = 缺少文件 { $entry }（{ $detail }）。请对方重新发送完整的报送包。
bundle-unlisted-file = 包内多出了未登记的文件 { $entry }，可能是后来加入的，已拒收。
bundle-part-missing = 分卷不全：{ $detail }。请找到并一起校验全部分卷。
bundle-parts-mixed = 这些分卷不属于同一次导出：{ $detail }。请只选同一次导出的全部分卷（文件名末尾“第几卷共几卷”，导出时间相同）再校验，较早导出的旧分卷可以删除。
bundle-bad-group = 分卷索引 { $entry } 不合规（{ $detail }），与包内说明或签名不一致，已拒收。请对方重新导出。
bundle-bad-name = 包内文件名 { $entry } 不规范（{ $detail }）：含有“.”、空段、控制字符、Windows 保留名或结尾的点和空格等，同一个名字在不同电脑上可能指向不同文件，已拒收。请对方用荐报重新导出。
err-cancelled = 已取消。没有留下不完整的文件，工作区里的材料不受影响；需要时可以重新开始。
err-copy-failed = 复制到 { $path } 失败：{ $reason }。目标位置没有留下不完整的文件。请检查 U 盘是否已满或已拔出，然后重试。
cli-copied = 已复制并校验：{ $file }（回读一致，签名有效）。
workspace-cleaned = 已清理上次中断（如程序被强行关闭）留下的临时文件 { $files } 个，释放 { $size }。
import-refused = 未导入，原因如下：
import-ok = 已导入，编号 { $id }；按本机活动规则复查：{ $errors } 个错误、{ $warnings } 个提醒。
import-key-first-seen = 签名密钥 { $key }：首次见到，已记录（请与单位核对纸质推荐表页脚的密钥 ID）。
import-key-same = 签名密钥 { $key }：与上次一致。
review-late = 该单位报送晚于截止时间（{ $date }）。是否受理，请按通知的规定决定。
desk-import-key-changed = 该单位的签名密钥与上次不同。请先打电话向该单位核实，确认是对方更换了密钥后，点“确认更换密钥”。
import-key-changed-accepted = 签名密钥 { $key }：与上次不同！{ $face ->
        [window] 已按您的确认接受。
       *[cli] 已按 --accept-key-change 接受。
    }
import-late = 逾期：收到时间晚于截止时间。
import-profile-differs = 注意：报送包中的活动规则与本机不同，已按本机规则复查。
import-resubmission = 重新报送：替代编号 { $previous }，变化：{ $changes }。
import-duplicate = 重复推荐：“{ $name }”也由 { $other } 推荐。
import-already = 这个报送包（组 { $detail }）已经导入过，未重复导入。
import-key-changed = 该单位的签名密钥与上次不同（{ $detail }）。请先打电话向该单位核实，确认是对方更换了密钥后再接受。{ $face ->
        [window] 核实后点“确认更换密钥并导入”。
       *[cli] 命令行：加 --accept-key-change 重新导入。
    }
import-unknown-profile = 本机没有活动“{ $detail }”的规则。请先把组织单位的活动配置文件放入工作区的 profiles 文件夹。
import-packet-mismatch = 报送包中的报送数据 { $entry } 与签名的包说明不一致（{ $detail }），已拒收。请对方用荐报重新导出。
cli-summary = 已生成合并汇总表 { $file }：{ $units } 个单位，{ $rows } 名候选人。
cli-receipt = 已生成回执 { $file }（{ $unit }，{ $verdict }），签名在 { $file }.minisig。
cli-receipt-ok = 回执有效：{ $unit }，组 { $group }，{ $verdict }，收到于 { $at }。

## The desktop app's own texts
desk-pages = 页
desk-mail-subject = 【{ $campaign }】{ $unit }推荐材料（第 { $part }/{ $count } 封）
desk-mail-body =
    { $recipient }：
    
    现将{ $unit }“{ $campaign }”推荐材料报送如下，共 { $count } 封邮件，本封为第 { $part } 封，附件为报送包 { $file }。
    报送包已加数字签名，签名密钥 ID 为 { $key }，与纸质推荐表每页页脚所印 ID 一致。
    纸质材料另行寄送，请查收。
    
    { $unit }

## 转报上级、来源证明与加密报送
err-candidate-not-found = 没有找到候选人“{ $wanted }”（或同名的不止一位）。可选：{ $known }。{ $face ->
        [window] 请在候选人列表中勾选。
       *[cli] 请用 jianbao workspace candidates 查看编号，按编号指定。
    }
err-decrypt-not-for-us = { $path } 是加密给另一个组织单位的，本工作区的解密密钥打不开它。请确认对方加密时用的是本单位公布的接收码。
err-decrypt = { $path } 无法解密：{ $reason }。文件可能不完整或已损坏，请对方重新发送。
err-bad-recipient = “{ $value }”不是有效的加密接收码。接收码以 age1 开头，由组织单位公布；也可以给出保存接收码的文件。
bundle-encrypted-no-identity = 这个报送包是加密的，但本工作区还没有解密密钥（{ $detail }）。请在“设置”中创建加密密钥，或指定组织单位的解密密钥文件。
bundle-encrypted-not-for-us = 这个报送包是加密给另一个组织单位的，本工作区的密钥打不开。请确认推荐单位加密时用的是本单位公布的接收码。
bundle-decrypt-failed = 这个加密报送包无法解密：文件可能不完整或已损坏（{ $detail }）。请对方重新发送。
chain-heading = 转报来源证明：
chain-forwarded-by = 由 { $unit }（密钥 { $key }）转报。
chain-problem = 来源证明无法读取：{ $reason }。
chain-no-evidence = { $origin } 的报送包导入时没有保存签名证据，无法证明其候选人材料的来源。
chain-origin-bad = { $origin } 的签名证据无效（{ $reason }）：无法证明材料出自该单位。
chain-candidate-same = { $name } 的 { $files } 个文件、{ $fields } 项填写内容与 { $origin }（密钥 { $key }）签名时一致。
chain-file-changed = { $name } 的文件 { $items } 与 { $origin } 签名时不一致：转报途中被改动。
chain-file-unproven = { $name } 的文件 { $items } 不在 { $origin } 签名的清单中，无法证明出自该单位。
chain-file-added = { $name } 的文件 { $items } 为转报单位新增。
chain-field-changed = { $name } 的 { $items } 与 { $origin } 签名时不同（转报单位修改）。
chain-field-added = { $name } 的 { $items } 为转报单位新增。
verify-chain-broken = 报送包本身完好，但转报来源证明不完整：见上面标 ✗ 的各项。
cli-keygen-encryption = 已生成加密密钥。接收码：{ $recipient }（公布给各推荐单位，或写进通知）。解密密钥 { $identity } 只能留在本机，切勿外传；接收码也保存在 { $public }（同一文件夹中的 jianbao-age.png 是它的二维码，可打印或贴进通知）。
cli-forwarded = 已为 { $profile } 生成转报材料（{ $count } 位候选人，工作区单位编号 { $unit }）：{ $file }。请补填本单位意见等内容，再检查、生成表格并导出报送包。
cli-forwarded-candidate = { $name }（{ $unit }）：带入 { $fields } 项内容、{ $files } 个文件（原样，不改动）。
cli-no-received-candidates = 工作区中还没有收到任何报送包的候选人。
forward-by-id = “{ $from }”带入“{ $to }”。
forward-by-label = “{ $from }”按名称对应，带入“{ $to }”。
forward-reformatted = “{ $from }”按下一级表格的日期格式改写后带入“{ $to }”。
forward-file = { $from } 原样带入“{ $to }”。
forward-no-place = “{ $from }”：下一级推荐表没有对应的栏目，未带入。
forward-kind-differs = “{ $from }”与“{ $to }”的填写方式不同，无法直接带入，请转报单位填写。
forward-recommender = “{ $to }”由推荐单位填写：请以本单位名义填写。
forward-to-fill = “{ $to }”：原推荐表没有这一项，请转报单位补填。
forward-slot-missing = { $from }：下一级活动没有对应的材料栏，未带入。
forward-no-evidence = { $unit } 的报送包导入时没有保存签名证据（由旧版本导入），转报后下一级无法核对其来源。
chain-originals = 附有 { $origin } 的原始报送包 { $count } 个，校验与其签名证据一致。

## 工作区的备份、恢复、移动与登记单位公钥

err-backup-unreadable = 无法读取备份文件 { $path }（{ $reason }）。请确认文件名和位置正确、U 盘已插好。
err-backup-not-backup = { $path } 不是荐报的工作区备份文件（{ $reason }）。请选择用“备份工作区”生成的 .jianbao-backup 文件。
err-backup-damaged = 备份文件 { $path } 已损坏或被改动（{ $entry }：{ $reason }），没有恢复任何内容。请换用另一份备份，或从原电脑重新备份。
err-backup-format = 备份文件 { $path } 是更新版本的荐报生成的（格式 { $reason }）。请先升级荐报再恢复。
err-inside-workspace = { $path } 位于工作区文件夹之内（或包含工作区）。请选择工作区以外的位置。
err-unportable-name = 工作区中的文件 { $path } 的名称在其他系统上无法原样还原，无法备份或移动。请把这个文件改名（去掉特殊字符或与其他文件只差大小写的情况）后重试。
err-workspace-moved = 工作区已从 { $from } 移动到 { $to }，但那里现在找不到工作区。请插好存放工作区的磁盘，或在设置中重新选择工作区。
cli-backup-done = 已备份工作区：{ $file }（{ $files } 个文件，{ $size }）。备份文件含签名和解密私钥，请妥善保管。
cli-restored = 已恢复工作区到 { $path }（{ $files } 个文件，{ $size }，逐一校验一致，数据库完整）。
cli-moved = 工作区已移动到 { $path }（{ $files } 个文件，{ $size }，逐一回读校验）。原文件夹只留下一个指向新位置的说明文件。
cli-trusted = 已登记 { $unit } 的公钥 { $key }（指纹 { $fingerprint }）。此后该单位用其他密钥签名的报送包将被拒收。
cli-trusted-replaced = 已把 { $unit } 登记的公钥从 { $old } 改为 { $key }（指纹 { $fingerprint }）。
err-not-a-date = 活动表格中的“{ $field }”不是日期栏目，无法按日期写入。请确认活动配置与此表格一致。
err-trust-conflict = { $unit } 已登记了另一把公钥 { $old }，与 { $key } 不同。如确认该单位换了密钥（请电话核对指纹），{ $face ->
        [window] 请勾选“替换已登记的其他公钥”后重新登记。
       *[cli] 请加 --replace 重新登记。
    }
cli-materials = 已导出评审材料：{ $count } 位候选人，每人一个文件夹，位于 { $dir }（目录见 { $index }）。

## 字数要求（填写时计数器旁显示）

words-rule-target = 要求约 { $target } 字
words-rule-range = 要求 { $min }–{ $max } 字
words-rule-max = 不超过 { $max } 字
words-rule-min = 不少于 { $min } 字
err-workspace-in-use = 工作区 { $path } 正被另一个程序（如另一个荐报窗口或脚本）使用，现在不能移动。请先关闭其他程序，再重试。

## 窗口不显示的文件、导出中途改动、工作区不可用

err-not-shown-outside = { $path } 不在工作区内，荐报不在窗口中显示它。请从工作区中选择文件。
err-not-shown-secret = { $path } 是私钥，出于安全不在窗口中显示。需要备份时，请用“设置 → 备份工作区”。
err-not-shown-too-large = { $path } 太大，无法在窗口中预览。请用“打开所在文件夹”后用其他程序查看。
err-not-shown-no-thumbnail = { $path } 不是可以生成缩略图的 JPEG 照片（或像素过多）。文件本身不受影响，检查结果会说明它的问题。
err-changed-during-export = { $path } 在导出过程中被改动了，报送包没有写出。请确认没有其他程序在修改这个文件，然后重新导出。
err-workspace-busy = 工作区暂时不可用（之前的一项操作意外中断）。请关闭并重新打开荐报；已保存的内容不受影响。
