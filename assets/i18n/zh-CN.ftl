### 荐报 Jianbao — 简体中文消息目录。每条消息的 id 即其稳定代码；每条都说明问题所在和解决办法。

## 错误

err-io = 无法读写文件 { $path }：{ $reason }。请确认路径正确、文件未被其他程序占用，并且有读写权限。
err-profile-invalid = 活动配置文件 { $file } 有 { $count } 处问题，无法使用。请按下列提示修改该文件后重试（格式说明见 docs/profiles.md）：
err-profile-unknown = 没有编号为“{ $id }”的活动配置。请使用以下之一：{ $known }；或用 jianbao profiles 查看全部活动。
err-packet-invalid = 报送数据文件 { $file } 有 { $count } 处结构问题，无法读取。请按下列提示（$ 后为出错位置）修改后重试（格式说明见 docs/packet.md）：
err-packet-missing-file = 报送数据 { $file } 引用的文件 { $path } 无法读取：{ $reason }。请把该文件放回原位置，或在数据中改为正确的路径（相对于报送数据文件所在文件夹）。
err-store = 工作区数据库 { $path } 出错：{ $reason }。请关闭其他正在使用该工作区的荐报窗口后重试；如仍失败，请从备份恢复工作区。
err-store-corrupt = 工作区 { $path } 的数据不完整：{ $reason }。请从备份恢复工作区，或重新导入报送数据。
err-unit-not-found = 工作区中没有找到“{ $wanted }”。现有单位：{ $known }。请用 --unit 指定其中一个编号。
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
packet-unknown-slot = { $at }：本活动没有名为“{ $value }”的附件类别。请用 jianbao profile show 查看可用的附件类别。
packet-slot-not-media = { $at }：“{ $value }”是文档类别，应放在 documents 中，而不是 media 中。
packet-slot-not-document = { $at }：“{ $value }”是照片或视频类别，应放在 media 中，而不是 documents 中。
packet-bad-path = { $at }：路径“{ $value }”不可用（{ $reason }）。请写相对于报送数据文件所在文件夹的路径，用“/”分隔，如 media/张三1.jpg。
packet-unknown-field = { $at }：本活动的表单中没有字段“{ $value }”。请删除它，或改为 jianbao profile show 列出的字段编号。
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
bg-red = 红底
bg-white = 白底
bg-blue = 蓝底
