# 窗口自己的文字（中文）。查找结果和错误的文字在 zh-CN.ftl；字段名称是通知原文，不在此处。
# Ids are used by ui/src as t("id"); both files define the same ids (tested).

## app
app-name = 荐报
app-tagline = 奖项推荐材料：填写、检查、签名报送

## start
start-unit = 报送材料
start-unit-who = 我是推荐单位
start-unit-what = 填写推荐表和汇总表，逐条检查通知要求，导出带数字签名的报送包。
start-review = 接收评审
start-review-who = 我是组织单位
start-review-what = 导入各单位的报送包，核验签名和完整性，复查材料，合并汇总表。
start-recent = 我的报送
start-none = 还没有报送工作。选择活动后开始。
start-new = 新建报送
start-campaign = 选择活动
start-add-profile = 从文件添加活动配置（.toml）…
start-draft-profile = 新建活动（从通知起草）…

## draft
draft-title = 新建活动：从通知起草
draft-intro = 把主办单位通知的全文粘贴到下面（或打开通知的 .txt 文本文件）。荐报会找出名额、截止时间、字数、照片、视频、材料和报送方式等要求，每条都附上通知原句，供您逐条核对。
draft-paste = 通知全文
draft-open = 打开通知文本文件…
draft-text-file = 文本文件
draft-analyse = 找出要求
draft-review = 逐条核对：保留勾选的要求，取消勾选即不采用。每条要求下是它所依据的通知原句。
draft-undecided = 需要您确认的事项
draft-back = 返回
draft-edit = 直接编辑配置文本…
draft-edit-help = 这是活动配置的全文。保存时会检查格式，并核对每条引用的原句确实出自通知。
draft-save = 保存为新活动
draft-cancel = 返回首页

## start
start-create = 开始填写
start-candidates = { $n } 名候选人
start-updated = 更新于 { $t }
start-open = 打开
start-remove = 删除
start-remove-confirm = 删除“{ $name }”的全部填写内容？已导出的报送包不受影响。
start-received = 已接收报送包 { $n } 个
start-restore-sample = 重新添加示例

## sample
sample-badge = 示例
sample-banner = 这是一个示例工作区：虚构的“鄂尔多斯市示例能源学会”和候选人，用来熟悉操作。可以随意修改、导出；不需要时删除即可。
sample-remove = 删除示例
sample-preparing = 正在准备示例工作区（虚构的单位和候选人，含照片和证明材料），稍候即可打开。

## nav
nav-home = 首页
nav-rules = 活动要求
nav-unit = 单位信息
nav-candidates = 候选人
nav-unit-docs = 单位材料
nav-findings = 检查结果
nav-export = 导出与报送
nav-preview = 预览
nav-settings = 设置
nav-review = 接收评审

## quota
quota = { $n } / { $max } 名
quota-nomax = { $n } 名

## cand
cand-add = 添加候选人
cand-unnamed = （未填姓名）
cand-remove = 删除此候选人
cand-remove-confirm = 删除候选人“{ $name }”及其附件？
cand-cover = 封面
cand-table = 推荐表
cand-attachments = 附件
cand-summary-only = 汇总表栏目（只印在汇总表上）

## field
field-required-mark = 必填
field-paper = 打印后在纸质表上手写签名或盖章
field-choose = 请选择

## review
review-rechecking = 正在按本工作区的活动要求复查：{ $file }
review-key-change-before = 上次的签名密钥
review-key-change-now = 这次的签名密钥
review-key-change-fingerprint = 指纹
review-key-change-call = 请先打电话给 { $who }（{ $phone }）核实对方确实更换了签名密钥，再确认。
review-key-change-no-phone = 报送包未留电话，请用通知中的联系方式
review-key-change-accept = 确认更换密钥并导入
review-details = 技术详情

## field

## date
date-year = 年
date-month = 月
date-day = 日
date-clear = 清除
date-unreadable = 无法读作日期，请重新选择（表格要求的写法如 { $example }）

## words
words-count = { $n } 字
words-none = 不限字数
words-template = 参考格式

## history
history-add = 添加一行
history-remove = 删除此行
history-up = 上移
history-down = 下移
history-empty = 还没有经历，点“添加一行”。

## select
select-count = 已选 { $n } 项
select-rule = 选 { $min }–{ $max } 项

## files
files-drop = 把文件拖到这里，或
files-full = 已满 { $n } 个。如需更换，请先移除上面的文件。
files-any-format = 任何格式

## preview
preview-unreadable = 无法在窗口中显示“{ $name }”（{ $detail }）。可点“用系统阅读器打开并打印”查看。
preview-fit = 适合宽度
preview-zoom-in = 放大
preview-zoom-out = 缩小

## files
files-choose = 选择文件…
files-count = { $n } 个
files-rule = 需 { $min }–{ $max } 个
files-rule-min = 至少 { $min } 个
files-any = 数量不限
files-formats = 格式
files-will-be = 报送时名为
files-remove = 移除
files-copying = 正在复制到工作区并检查…
files-ok = 符合要求
files-warning = 请核实
files-error = 不符合要求
files-original = 原文件不会被修改，已复制到工作区。

## findings
findings-title = 检查结果
findings-none = 没有发现问题。
findings-errors = { $n } 个错误
findings-warnings = { $n } 个提醒
findings-unit = 单位
findings-to-fill = 还需填写 { $n } 项
findings-check-all = 全部检查（未填的也算错误）
findings-none-yet = 已填写的内容没有发现问题。

## status
status-saved = 已自动保存 { $t }
status-days-left = 距截止还有 { $n } 天
status-passed = 已过截止时间（{ $d }）
status-as-of = 截止时间按 { $d } 计算（报送数据中设定的日期）
status-key = 签名密钥 { $id }
status-no-key = 尚未创建签名密钥

## rules
rules-notice = 通知
rules-deadline = 截止时间
rules-strict = 逾期不予受理
rules-quota = 推荐名额
rules-delivery = 报送方式
rules-files = 附件要求
rules-declarations = 需本人或单位确认的事项
rules-paper = 纸质材料
rules-copies = { $n } 份
rules-blank = 其中 { $n } 份推荐单位栏留空
rules-sealed = 加盖公章
rules-borrowed = 推荐表式样借用

## unitdocs
unitdocs-summary-help = 汇总表根据候选人信息自动生成，在“预览”中查看和打印。

## preview
preview-title = 预览
preview-make = 生成预览
preview-blank = 推荐单位栏留白的版本
preview-print = 用系统阅读器打开并打印
preview-folder = 打开所在文件夹
preview-pages = 共 { $n } 页
preview-loading = 正在生成…
preview-choose = 选择要查看的文件

## export
export-title = 导出与报送
export-start = 导出报送包…
export-history = 导出记录
export-no-history = 还没有导出过。
export-kind-bundle = 报送包
export-kind-usb = 复制到U盘
export-kind-packet = 数据导出

## wizard
wizard-step1 = 检查
wizard-step2 = 数字签名
wizard-step3 = 报送方式
wizard-step4 = 进度
wizard-step5 = 完成
wizard-errors = 还有 { $n } 个错误，改正后才能导出。
wizard-back-to-fix = 返回修改
wizard-no-problems = 检查通过：没有错误，也没有需要确认的提醒。
wizard-ack-all = 以下提醒请逐条核实并勾选确认：
wizard-next = 下一步
wizard-back = 上一步
wizard-close = 关闭
wizard-key-explain = 报送包用本单位的密钥签名。同一个密钥 ID 印在每页纸质表格的页脚，盖章的纸质材料因此能证明电子报送包未被改动。
wizard-key-id = 本单位密钥 ID
wizard-create-key = 创建签名密钥
wizard-mail = 邮件报送
wizard-mail-help = 按邮箱附件大小分卷，逐封发送。
wizard-part-size = 每封邮件附件不超过（MB）
wizard-usb = U盘报送
wizard-usb-help = 通常为一个文件（超过 4 GB 时按 U 盘 FAT32 格式的上限分卷）；导出后复制到U盘并回读校验。
wizard-usb-folder = U盘上的文件夹
wizard-choose-folder = 选择文件夹…
wizard-export = 开始导出
wizard-working = 正在处理：{ $file }
wizard-cancel = 取消
wizard-cancelling = 正在取消…
wizard-copying = 正在复制到U盘并校验…
wizard-done = 报送包已导出，签名密钥 ID { $id }。
wizard-open-folder = 打开文件夹
wizard-parts = 分卷与其中的文件
wizard-mail-to = 收件人
wizard-subject = 邮件主题
wizard-body = 邮件正文
wizard-copy = 复制
wizard-copied = 已复制
wizard-usb-done = 已复制到U盘并校验无误：
wizard-paper = 纸质材料清单
wizard-print-list = 打印清单

## review
review-import = 导入报送包…
review-drop = 把各单位的报送包（zip 或加密的 zip.age 文件，或文件夹）拖到这里，可一次多个。
review-bundles = 收到的报送包
review-no-bundles = 还没有导入报送包。
review-col-no = 编号
review-col-unit = 单位
review-col-received = 接收时间
review-col-signature = 签名
review-col-integrity = 完整性
review-col-recheck = 复查
review-col-late = 逾期
review-col-resubmit = 重新报送
review-key-first-seen = 首次见到，已记录
review-key-same = 与上次一致
review-key-changed = 密钥已变更！
review-intact = 完整
review-refused = 未导入
review-files = 文件 { $ok }/{ $n } 校验无误
review-replaced = 已被新版本替代
review-yes = 是
review-no = 否
review-v2 = 第 { $n } 版
review-candidates = 候选人
review-col-seq = 序号
review-col-name = 姓名
review-col-gender = 性别
review-col-domain = 推荐领域
review-col-problems = 问题
review-filter-unit = 全部单位
review-filter-problems = 有问题
review-filter-late = 逾期
review-filter-resubmitted = 重新报送
review-filter-duplicate = 重复推荐
review-duplicate-of = 另由“{ $unit }”推荐
review-summary = 导出汇总表
review-receipts = 生成回执
review-written = 已生成：
review-detail = 候选人详情
review-pdf = 查看推荐表
review-close = 关闭
review-no-candidates = 没有符合条件的候选人。
review-bundle-files = 报送包（.zip、加密的 .zip.age）
review-forward-title = 转报上级

## unit
unit-forwarded = 转报
unit-forwarded-from = { $names } 来自 { $unit }（密钥 { $key }）：照片、视频、材料原样带入，导出时附上该单位的签名证据，上一级可以核对来源。
unit-forwarded-no-evidence = { $names } 来自 { $unit }：该报送包导入时没有保存签名证据，上一级无法核对来源。

## review
review-chain = 转报来源证明
review-pick = 选择
review-pick-one = 选择 { $name }
review-pick-hint = 勾选要推荐到上一级的候选人，再点“转报上级”。
review-picked = 已选 { $n } 位候选人
review-forward = 转报上级…
review-forward-who = 转报：{ $names }
review-forward-profile = 上一级活动
review-forward-profile-help = 没有上一级活动？先在首页“从文件添加活动配置”或“从通知起草”。
review-forward-organiser = 本单位名称（作为推荐单位）
review-forward-explain = 能对应的填写内容和全部照片、视频、材料原样带入（不复制、不改动），并附上各推荐单位的签名证据，上一级可以核对来源；推荐单位意见等由本单位填写。
review-forward-go = 生成转报材料
review-forward-done = 已生成转报材料（{ $n } 位候选人）。请打开补填本单位的内容，检查后导出报送包。
review-forward-carried = 带入 { $fields } 项内容、{ $files } 个文件（原样）。
review-forward-no-evidence = 该报送包由旧版本导入，没有保存签名证据：上一级无法核对来源。
review-forward-open = 打开转报材料
review-forward-originals = 同时附上各单位的原始报送包（从导入时的位置读取，核对无误后附上；加密的先解密）
review-forward-originals-done = 附上原始报送包 { $n } 个（找不到或已改动的不附，签名证据照样能证明来源）。

## wizard
wizard-seal = 加密发送给组织单位（可选）
wizard-seal-help = 填入组织单位公布的接收码（age1 开头），或打开它发来的接收码文件。加密后只有组织单位能打开，签名照样有效。
wizard-seal-file = 打开接收码文件…

## settings
settings-recipient = 加密接收码（组织单位用）
settings-recipient-help = 组织单位创建后，把接收码公布给各推荐单位（写进通知或发送接收码文件）。各单位用它加密报送包，只有本机能解开；解密密钥不会离开本工作区。
settings-create-recipient = 创建加密密钥
settings-export-recipient = 导出接收码文件…
settings-export-qr = 导出二维码图片…
settings-qr-alt = 加密接收码的二维码
settings-title = 设置
settings-lang = 语言
settings-font = 字号
settings-back = 返回
settings-workspace = 工作区位置
settings-open-workspace = 打开工作区文件夹
settings-keys = 签名密钥
settings-export-pub = 导出公钥…
settings-pub-exported = 公钥已保存到 { $path }
settings-tech-fold = 技术详情
settings-tech = 报送包是 BagIt 1.0 目录的 zip 分卷，清单用 SHA-256，签名为 minisign（Ed25519）。数据保存在工作区的 SQLite 数据库中，附件按内容哈希存放，原文件从不修改。
settings-care = 备份与搬迁
settings-care-help = 备份文件包含整个工作区：数据库、所有附件、活动配置、签名和解密密钥以及生成的文件。请存放在安全的地方（如加密 U 盘）。恢复时会逐个文件核对，损坏的备份不会恢复任何内容。
settings-backup = 备份工作区…
settings-backup-name = 荐报工作区.jianbao-backup
settings-backup-files = 荐报备份
settings-backup-done = 已备份：{ $path }（{ $files } 个文件，{ $size }）
settings-restore = 从备份恢复…
settings-restore-to = 选择恢复到的文件夹（需为空文件夹）
settings-restored = 已恢复并切换到 { $path }。原来的工作区保持不变。
settings-move = 移动工作区…
settings-move-to = 选择新位置（需为空文件夹）
settings-moved = 工作区已移动到 { $path }。原位置只留下一个指向新位置的说明文件。
settings-working = 正在处理：{ $file }

## task
task-steps = 第 { $done } / { $total } 份

## review
review-materials = 导出评审材料
review-materials-done = 评审材料已导出：{ $n } 位候选人，每人一个文件夹（序号-单位-姓名），目录见 目录.xlsx。
review-keys = 已登记的单位公钥
review-example-as-of = 示例，按其自带日期 { $d } 判断
review-keys-help = 在报送包到达之前，可以先登记推荐单位发来的公钥（请电话核对指纹）。此后该单位用其他密钥签名的报送包会被拒收。
review-keys-none = 还没有登记任何单位的公钥。导入第一个报送包时会自动登记。
review-trust-unit = 单位名称（与报送包中的推荐单位一致）
review-trust-pick = 选择公钥文件并登记…
review-trust-files = 公钥文件
review-trust-replace = 替换已登记的其他公钥
review-trusted = 已登记 { $unit } 的公钥 { $key }，指纹 { $fingerprint }。
review-trusted-replaced = 已把 { $unit } 的公钥从 { $old } 改为 { $key }，指纹 { $fingerprint }。
review-col-fingerprint = 指纹

## common
common-working = 正在处理…
common-error = 出错了
common-dismiss = 知道了
