"""The message catalogue: key -> (Simplified Chinese, English). Traditional comes from OpenCC."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Column headers
    "col.number": ("会员编号", "Number"),
    "col.name": ("名称", "Name"),
    "col.short_name": ("简称", "Short name"),
    "col.kind": ("类型", "Kind"),
    "col.credit_code": ("统一社会信用代码", "Credit code"),
    "col.representative": ("代表", "Representative"),
    "col.representative_title": ("代表职务", "Title"),
    "col.phone": ("电话", "Phone"),
    "col.email": ("邮箱", "Email"),
    "col.address": ("地址", "Address"),
    "col.segment": ("行业环节", "Segment"),
    "col.joined_on": ("入会日期", "Joined"),
    "col.left_on": ("退会日期", "Left"),
    "col.status": ("状态", "Status"),
    "col.employees": ("员工数", "Employees"),
    "col.party_members": ("党员数", "Party members"),
    "col.has_party_org": ("党组织", "Party org."),
    "col.tier": ("会费档次", "Dues tier"),
    "col.tier_explicit": ("指定档次", "Tier set explicitly"),
    "col.offices": ("职务", "Offices"),
    "col.note": ("备注", "Note"),
    "col.term": ("届次", "Term"),
    "col.start_on": ("开始日期", "Starts"),
    "col.end_on": ("结束日期", "Ends"),
    "col.term_years": ("年限", "Years"),
    "col.max_holders": ("人数上限", "At most"),
    "col.employees_unknown": ("员工数未填", "Employees unknown"),
    "col.party_members_unknown": ("党员数未填", "Party members unknown"),
    "col.person_title": ("职务", "Title"),
    "col.notice_kind": ("通知类型", "Notice"),
    "col.current": ("当前", "Current"),
    "col.office": ("职务", "Office"),
    "col.person": ("任职人", "Person"),
    "col.member": ("会员", "Member"),
    "col.rank": ("排序", "Rank"),
    "col.by": ("统计方式", "Counted by"),
    "col.field": ("项目", "Field"),
    "col.value": ("内容", "Value"),
    "col.group": ("分组", "Group"),
    "col.members": ("会员数", "Members"),
    "col.units": ("单位会员", "Units"),
    "col.persons": ("个人会员", "Persons"),
    "col.with_party_org": ("建有党组织", "With party org."),
    "col.action": ("操作", "Action"),
    "col.line": ("行号", "Line"),
    "col.changes": ("变更", "Changes"),
    "col.count": ("数量", "Count"),
    "col.revision": ("数据库版本", "Schema revision"),
    "col.location": ("数据库位置", "Database"),
    "col.association": ("协会", "Association"),
    "col.language": ("语言", "Language"),
    "col.periods": ("会籍记录", "Membership history"),
    # Values
    "kind.unit": ("单位", "unit"),
    "kind.person": ("个人", "person"),
    "status.active": ("在册", "active"),
    "status.withdrawn": ("已退会", "withdrawn"),
    "bool.true": ("是", "yes"),
    "bool.false": ("否", "no"),
    "action.add": ("新增", "add"),
    "action.update": ("更新", "update"),
    "action.same": ("无变化", "unchanged"),
    "stats.total": ("合计", "Total"),
    "stats.by_tier": ("按会费档次", "By dues tier"),
    "stats.by_segment": ("按行业环节", "By segment"),
    "stats.no_segment": ("（未填）", "(none)"),
    "term.label": ("第{number}届", "Term {number}"),
    # Messages (stderr)
    "msg.init_created": ("已建立协会：{name}", "Set up association: {name}"),
    "msg.init_updated": ("已更新协会信息：{name}", "Updated association profile: {name}"),
    "msg.term_expired": (
        "{label}已于{end}届满，新一届尚未开始：仍按{label}显示，请及时换届（assoc terms add）",
        "{label} ended on {end} and no new term has begun: shown as {label} "
        "until the election (换届; assoc terms add)",
    ),
    "msg.term_edited": (
        "{label}的结束日期改为 {end}（{reason}）",
        "{label} now ends on {end} ({reason})",
    ),
    "msg.term_added": (
        "已添加{label}：{start} 至 {end}",
        "Added {label}: {start} to {end}",
    ),
    "msg.office_assigned": (
        "已任命：{member} {office}（{person}），{term}",
        "Assigned {office} to {member} ({person}), {term}",
    ),
    "msg.office_removed": (
        "已免去：{member} {office}，{term}",
        "Removed {office} from {member}, {term}",
    ),
    "msg.office_defined": ("已设置职务：{name}", "Defined office: {name}"),
    "msg.member_added": ("已添加会员 {number} {name}", "Added member {number} {name}"),
    "msg.member_updated": ("已更新会员 {number} {name}", "Updated member {number} {name}"),
    "msg.member_unchanged": ("会员 {number} 没有变化", "Member {number} is unchanged"),
    "msg.member_left": (
        "{number} {name} 已于 {date} 退会（记录保留）",
        "{number} {name} left on {date} (history kept)",
    ),
    "msg.member_rejoined": (
        "{number} {name} 已于 {date} 重新入会",
        "{number} {name} rejoined on {date}",
    ),
    "msg.import_summary": (
        "{file}：共 {rows} 行，新增 {added}，更新 {updated}，无变化 {same}",
        "{file}: {rows} rows, {added} to add, {updated} to update, {same} unchanged",
    ),
    "msg.import_dry_run": (
        "预演模式（--dry-run）：未写入任何数据",
        "Dry run (--dry-run): nothing was written",
    ),
    "msg.import_done": ("已导入", "Imported"),
    "msg.exported": ("已导出 {rows} 行到 {file}", "Exported {rows} rows to {file}"),
    "msg.upgraded": (
        "数据库已从版本 {before} 升级到 {after}",
        "Database upgraded from revision {before} to {after}",
    ),
    "msg.up_to_date": ("数据库已是最新版本 {rev}", "Database is at the newest revision {rev}"),
    "msg.balances_deferred": (
        "{count} 个会员的会费余额待重算：报表暂从台账实时计算（数字相同，较慢）；"
        "运行 assoc db refresh 即可加快",
        "The stored dues balances of {count} members wait for `assoc db refresh`; until "
        "then reports compute the ledger (same figures, slower)",
    ),
    "msg.balances_refreshed": (
        "已重算 {count} 个会员的会费余额（{seconds} 秒）",
        "Recomputed the stored dues balances of {count} members in {seconds} s",
    ),
    "msg.no_association": (
        "尚未建立协会信息，请运行 assoc init --name …",
        "No association profile yet; run assoc init --name …",
    ),
    "msg.truncated": (
        "仅显示前 {shown} 行，共 {total} 行；完整结果请用 -f csv 导出",
        "Showing the first {shown} of {total} rows; use -f csv for all of them",
    ),
    "msg.empty": ("没有符合条件的记录", "No matching records"),
    "msg.demo_built": (
        "演示协会已建立：{name}（{members} 家会员），数据库：{path}",
        "Demo association built: {name} ({members} members), database: {path}",
    ),
}

MESSAGES.update(
    {
        # Dues columns
        "col.year": ("年度", "Year"),
        "col.amount": ("金额", "Amount"),
        "col.adopted_by": ("通过会议", "Adopted by"),
        "col.due": ("应缴", "Due"),
        "col.paid": ("已缴", "Paid"),
        "col.waived": ("减免", "Waived"),
        "col.balance": ("欠缴", "Balance"),
        "col.net_due": ("应收", "Net due"),
        "col.collected": ("实收", "Collected"),
        "col.outstanding": ("未收", "Outstanding"),
        "col.members_owing": ("应缴单位", "Owing"),
        "col.paid_full": ("已缴清", "Paid in full"),
        "col.partial": ("部分缴纳", "Partial"),
        "col.unpaid": ("未缴", "Unpaid"),
        "col.rate_count": ("收缴率", "Rate"),
        "col.rate_amount": ("金额收缴率", "Rate by amount"),
        "col.rate_count_bar": ("收缴率", "Rate"),
        "col.rate_amount_bar": ("金额收缴率", "By amount"),
        "col.compare_rate_count": ("同期收缴率", "Same date last year"),
        "col.compare_rate_amount": ("同期金额收缴率", "By amount last year"),
        "col.years_in_arrears": ("欠费年度", "Years owing"),
        "col.years_owing": ("欠费年数", "Years owing"),
        "col.years": ("欠费年度", "Years"),
        "col.total_owing": ("累计欠缴", "Total owing"),
        "col.years_unpaid": ("未缴年数", "Years unpaid"),
        "col.rule_crossed": ("已达退会条件", "Rule crossed"),
        "col.member_status": ("会籍", "Membership"),
        "col.receipt": ("收据号", "Receipt"),
        "col.entry_on": ("日期", "Date"),
        "col.method": ("方式", "Method"),
        "col.payer": ("付款人", "Payer"),
        "col.state": ("状态", "State"),
        "col.voided_on": ("作废日期", "Voided on"),
        "col.void_reason": ("作废原因", "Void reason"),
        "col.reason": ("原因", "Reason"),
        "col.approved_by": ("批准", "Approved by"),
        "col.date": ("日期", "Date"),
        "col.reference": ("凭证", "Reference"),
        "col.bank_reference": ("流水号", "Bank reference"),
        "col.running_balance": ("余额", "Balance"),
        "col.credit": ("预存", "Credit"),
        "col.setting": ("设置", "Setting"),
        "col.sent_on": ("发出日期", "Sent on"),
        "col.document": ("文件", "Document"),
        "col.problem": ("问题", "Problem"),
        "col.check": ("检查", "Check"),
        "col.result": ("结果", "Result"),
        # Dues values
        "entry.due": ("应缴会费", "dues"),
        "entry.payment": ("缴费", "payment"),
        "entry.waiver": ("减免", "waiver"),
        "entry.void": ("作废", "void"),
        "entry.adjustment": ("调整", "adjustment"),
        "dues_status.unpaid": ("未缴", "unpaid"),
        "dues_status.partial": ("部分缴纳", "partial"),
        "state.valid": ("有效", "valid"),
        "state.void": ("已作废", "void"),
        "notice.notice": ("会费收缴通知", "dues notice"),
        "notice.reminder": ("催缴通知", "reminder"),
        "setting.dues.join_policy": ("年中入会", "Joining mid-year"),
        "setting.dues.withdraw_after_years": (
            "未缴满几年视为退会",
            "Years unpaid before withdrawal",
        ),
        "setting.dues.deadline": ("缴费截止日", "Payment deadline"),
        "setting.dues.close_after": ("次年自动结账日", "Close a year automatically on (next year)"),
        "policy.full-year": ("当年全额缴纳", "owes the full year"),
        "policy.next-year": ("次年起缴", "starts next year"),
        # Dues messages
        "msg.rate_set": (
            "{year}年度 {tier} 会费标准：{amount}",
            "{year} dues for {tier}: {amount}",
        ),
        "msg.rate_changed": (
            "{year}年度 {tier} 会费标准由 {old} 改为 {amount}",
            "{year} dues for {tier} changed from {old} to {amount}",
        ),
        "msg.paid": (
            "已收 {number} {name} {amount}（{method}），收据号 {receipt}",
            "Received {amount} from {number} {name} ({method}), receipt {receipt}",
        ),
        "msg.after_payment": ("缴费后：{summary}", "After this payment: {summary}"),
        "msg.batch_dry_run": (
            "检查通过：{count}笔缴费，合计{total}；这是试运行，未登记任何缴费",
            "All checked: {count} payments totalling {total}; a dry run, nothing recorded",
        ),
        "msg.batch_recorded": (
            "已登记{count}笔缴费，合计{total}，收据号 {first} 至 {last}",
            "Recorded {count} payments totalling {total}, receipts {first} to {last}",
        ),
        "msg.settled": ("{year}年度已缴清", "{year} paid in full"),
        "msg.still_owing": ("{year}年度尚欠 {amount}", "{year} still owing {amount}"),
        "msg.credit": ("预存 {amount}", "credit {amount}"),
        "msg.nothing_due": ("暂无应缴会费", "no dues owed yet"),
        "msg.closed": (
            "{year}年度已结账：{count} 家会员的档次和应缴会费已固定",
            "Closed {year}: the tier and dues of {count} members are fixed",
        ),
        "msg.adjusted": (
            "已调整 {number} {name} {year}年度应缴会费 {amount}，现为 {due}（凭证 {ref}）",
            "Adjusted {number} {name}'s {year} dues by {amount}, now {due} (reference {ref})",
        ),
        "msg.waived": (
            "已减免 {number} {name} {year}年度会费 {amount}（凭证 {ref}）",
            "Waived {amount} of {number} {name}'s {year} dues (reference {ref})",
        ),
        "msg.voided": (
            "已作废 {ref}（{amount}），原记录保留",
            "Voided {ref} ({amount}); the original stays on record",
        ),
        "msg.policy": ("会费规则已更新", "Dues policy updated"),
        "msg.no_rates": (
            "尚未设置会费标准，请先运行 assoc dues rates set 年度 档次 金额",
            "No dues rates yet; run: assoc dues rates set YEAR TIER AMOUNT",
        ),
        "msg.missing_rates": (
            "注意：{year}年度未设置 {tiers} 的会费标准，这些单位按 0 计",
            "Note: no {year} rate is set for {tiers}; those members owe nothing",
        ),
        "msg.statement_owing": ("截至{date}共欠缴 {amount}", "Owing {amount} as of {date}"),
        "msg.statement_credit": ("截至{date}预存 {amount}", "Credit of {amount} as of {date}"),
        "msg.statement_clear": ("截至{date}无欠缴", "Nothing owing as of {date}"),
        "msg.notice_written": (
            "已生成 {count} 份{kind}：{where}",
            "Wrote {count} {kind}(s): {where}",
        ),
        "msg.notice_skipped": (
            "{count} 家已发过{kind}，未重复生成（如需再发，加 --again）",
            "{count} member(s) already had this {kind}; skipped (add --again to send again)",
        ),
        "msg.verify_ok": (
            "核对无误：{members} 家会员、{entries} 条记录、{receipts} 张收据",
            "All consistent: {members} members, {entries} entries, {receipts} receipts",
        ),
        "msg.verify_failed": ("发现 {count} 处不一致", "{count} mismatch(es) found"),
        # The collection sentence read out at meetings
        "report.sentence": (
            "截至{date}，应缴会费会员单位{owing}家，已缴清{full}家，收缴率{rate}；部分缴纳{partial}家，"
            "未缴{unpaid}家；应收{net_due}，实收{collected}（金额收缴率{rate_amount}）。",
            "As of {date}, {owing} member units owed dues and {full} had paid in full, a "
            "collection rate of {rate}; {partial} had paid in part and {unpaid} not at all; "
            "{net_due} was due and {collected} collected ({rate_amount} by amount).",
        ),
        "report.compare": (
            "{year}年同期收缴率{rate}，金额收缴率{rate_amount}。",
            "At the same date in {year}: {rate}, {rate_amount} by amount.",
        ),
        "report.total": ("合计", "Total"),
        "report.title": (
            "{year}年度会费收缴情况（截至{date}）",
            "{year} dues collection as of {date}",
        ),
    }
)

MESSAGES.update(
    {
        # Dues notices (会费收缴通知) and reminders (催缴通知)
        "notice.title.notice": ("关于缴纳{year}年度会费的通知", "Notice of {year} membership dues"),
        "notice.title.reminder": (
            "关于催缴{year}年度会费的通知",
            "Reminder: {year} membership dues",
        ),
        "notice.salutation": ("{name}（会员编号 {number}）：", "To {name} (member {number}):"),
        "notice.body": (
            "根据本会章程和会员大会通过的会费标准，贵单位为{tier}，{year}年度应缴会费{due}（大写：{due_capital}）。",
            "Under the charter and the dues rates adopted by the member assembly, you are a "
            "{tier} member; your {year} dues are {due}.",
        ),
        "notice.waived": ("经批准减免{waived}。", "{waived} of it has been waived."),
        "notice.paid": (
            "截至{date}，已缴{paid}，尚欠{balance}（大写：{balance_capital}）。",
            "As of {date} you have paid {paid}; {balance} is still owing.",
        ),
        "notice.arrears": (
            "另，贵单位尚欠以往年度会费：{years}，共{arrears}。以上合计{total}（大写：{total_capital}）。",
            "You also owe dues for earlier years: {years}, {arrears} in all. Together: {total}.",
        ),
        "notice.credit": ("贵单位另有预存会费{credit}。", "You also hold a credit of {credit}."),
        "notice.deadline": (
            "请于{deadline}前将会费汇入以下账户，并在汇款附言中注明单位名称和“{year}年度会费”。",
            "Please pay by {deadline} into the account below, naming your unit and "
            '"{year} dues" in the transfer note.',
        ),
        "notice.reminder_intro": (
            "本会已于此前发出{year}年度会费收缴通知。截至{date}，贵单位尚未缴清，特此提醒。",
            "We sent the {year} dues notice earlier; as of {date} your dues are not yet paid "
            "in full, so we write to remind you.",
        ),
        "notice.account_name": ("户  名：{value}", "Account name: {value}"),
        "notice.bank": ("开户行：{value}", "Bank: {value}"),
        "notice.account": ("账  号：{value}", "Account no.: {value}"),
        "notice.contact": ("联系电话：{value}", "Phone: {value}"),
        "notice.thanks": (
            "感谢贵单位对协会工作的支持！",
            "Thank you for supporting the association.",
        ),
        "notice.issuer": ("{association}秘书处", "Secretariat, {association}"),
        "notice.no_account": (
            "（协会收款账户未设置：assoc init --bank-name … --bank-account … --account-name …）",
            "(No bank account on the profile: assoc init --bank-name … --bank-account … "
            "--account-name …)",
        ),
    }
)

MESSAGES.update(
    {
        # Meeting papers
        "doc.time": ("时间：{value}", "Time: {value}"),
        "doc.venue": ("地点：{value}", "Venue: {value}"),
        "doc.chair": ("主持：{value}", "Chair: {value}"),
        "doc.cancelled": ("（本次会议已取消：{reason}）", "(This meeting was cancelled: {reason})"),
        "doc.agenda_suffix": ("议程", " — agenda"),
        "doc.signin_suffix": ("签到表", " — sign-in sheet"),
        "doc.minutes_suffix": ("纪要", " — minutes"),
        "doc.agenda_heading": ("会议议程", "Agenda"),
        "doc.no_items": ("（尚无议程）", "(no agenda items yet)"),
        "doc.sentence": (
            "本次会议有{count}项议程：{items}。",
            "The meeting has {count} agenda items: {items}.",
        ),
        "doc.sentence_part": ("{ordinal}是{title}", "{ordinal}, {title}"),
        "doc.minutes": ("{n}分钟", "{n} min"),
        "doc.no_dues_rates": (
            "（{year}年度会费标准尚未设置，无收缴数据）",
            "(no {year} dues rates are set, so there are no collection figures)",
        ),
        "doc.no_open_actions": (
            "（前次会议布置的工作均已落实）",
            "(every earlier action item is done)",
        ),
        "doc.action_line": (
            "{n}. {content}（责任人：{owner}；完成时限：{due}）",
            "{n}. {content} (owner: {owner}; due {due})",
        ),
        "doc.proxy": ("委托{name}代为出席", "proxy: {name}"),
        "doc.present": ("出席：{names}", "Present: {names}"),
        "doc.on_leave": ("请假：{names}", "Apologies: {names}"),
        "doc.absent": ("缺席：{names}", "Absent: {names}"),
        "doc.sitting_in": ("列席：{names}", "Sitting in: {names}"),
        "doc.resolutions": ("会议决议", "Resolutions"),
        "doc.vote_line": (
            "{n}. {topic}：{method}，应到{expected}人，实到{present}人，赞成{votes_for}票，"
            "反对{against}票，弃权{abstain}票，{outcome}。",
            "{n}. {topic}: {method}; expected {expected}, present {present}; for {votes_for}, "
            "against {against}, abstaining {abstain}; {outcome}.",
        ),
        "doc.actions": ("工作落实（三落实）", "Action items"),
        "doc.issuer": ("秘书处", "Secretariat"),
        "vote.passed": ("通过", "passed"),
        "vote.failed": ("未通过", "not passed"),
        "role.attend": ("出席", "attend"),
        "role.sit-in": ("列席", "sit in"),
        "attend.invited": ("已邀请", "invited"),
        "attend.present": ("出席", "present"),
        "attend.leave": ("请假", "on leave"),
        "attend.absent": ("缺席", "absent"),
        "signin.seq": ("序号", "No."),
        "signin.person": ("姓名", "Name"),
        "signin.unit": ("单位", "Unit"),
        "signin.title": ("职务", "Title"),
        "signin.phone": ("电话", "Phone"),
        "signin.signature": ("签到", "Signature"),
        "signin.remark": ("备注", "Remarks"),
        "meeting.planned": ("计划", "planned"),
        "meeting.cancelled": ("已取消", "cancelled"),
        "action.open": ("未完成", "open"),
        "action.done": ("已完成", "done"),
        "numbering.term": ("按届编号", "numbered per term"),
        "numbering.year": ("按年编期", "numbered per year"),
        "numbering.none": ("不编号", "not numbered"),
        # Meeting columns and messages
        "col.meeting": ("会议", "Meeting"),
        "col.id": ("编号", "No."),
        "col.title": ("名称", "Title"),
        "col.kind": ("类型", "Kind"),
        "col.starts_at": ("时间", "Time"),
        "col.venue": ("地点", "Venue"),
        "col.chair": ("主持", "Chair"),
        "col.items": ("议程数", "Items"),
        "col.position": ("序号", "No."),
        "col.presenter": ("报告人", "Presenter"),
        "col.item_kind": ("类别", "Kind"),
        "col.role": ("身份", "Role"),
        "col.attendance": ("出席情况", "Attendance"),
        "col.proxy": ("委托", "Proxy"),
        "col.invited": ("应出席", "Invited"),
        "col.present": ("出席", "Present"),
        "col.leave": ("请假", "On leave"),
        "col.absent": ("缺席", "Absent"),
        "col.rate": ("出席率", "Rate"),
        "col.absent_streak": ("连续缺席", "Absent in a row"),
        "col.flagged": ("需提醒", "Flagged"),
        "col.topic": ("议题", "Motion"),
        "col.expected": ("应到", "Expected"),
        "col.votes_for": ("赞成", "For"),
        "col.votes_against": ("反对", "Against"),
        "col.abstentions": ("弃权", "Abstain"),
        "col.passed": ("通过", "Passed"),
        "col.threshold": ("表决规则", "Threshold"),
        "col.content": ("内容", "Content"),
        "col.owner": ("责任人", "Owner"),
        "col.due_on": ("完成时限", "Due"),
        "col.done_on": ("完成日期", "Done on"),
        "col.numbering": ("编号方式", "Numbering"),
        "col.duration": ("时长（分钟）", "Minutes"),
        "itemkind.study": ("学习", "study"),
        "itemkind.report": ("通报", "report"),
        "itemkind.reading": ("宣读", "reading"),
        "itemkind.discussion": ("座谈讨论", "discussion"),
        "itemkind.speech": ("讲话", "speech"),
        "itemkind.lecture": ("讲座", "lecture"),
        "itemkind.exchange": ("交流发言", "exchange"),
        "itemkind.vote": ("表决", "vote"),
        "itemkind.dues-report": ("会费收缴情况", "dues report"),
        "itemkind.actions": ("工作落实情况", "action review"),
        "col.quorum": ("法定人数", "Quorum"),
        "col.quorum_base": ("计算基数", "Quorum base"),
        "col.template": ("议程模板", "Agenda template"),
        "col.required": ("需到", "Required"),
        "col.met": ("达到", "Met"),
        "msg.meeting_created": ("已建立会议 #{id}：{title}", "Created meeting #{id}: {title}"),
        "msg.meeting_updated": ("已更新会议 #{id}：{title}", "Updated meeting #{id}: {title}"),
        "msg.meeting_cancelled": (
            "会议 #{id} 已取消（编号保留）",
            "Meeting #{id} cancelled (its number is kept)",
        ),
        # events (issue 17)
        "msg.event_organisers_added": (
            "已为会议 #{id} 加入单位：{names}",
            "Added to meeting #{id}'s organisers: {names}",
        ),
        "msg.event_organisers_removed": (
            "已从会议 #{id} 移除单位：{names}",
            "Removed from meeting #{id}'s organisers: {names}",
        ),
        "msg.event_session_added": ("已加入第{n}个场次：{label}", "Added session {n}: {label}"),
        "msg.event_item_updated": (
            "已更新会议 #{id} 第{n}项议程",
            "Updated item {n} of meeting #{id}",
        ),
        "msg.event_people_added": (
            "已为会议 #{id} 加入 {count} 人",
            "Added {count} to meeting #{id}",
        ),
        "msg.event_people_removed": (
            "已从会议 #{id} 名单移除 {count} 人",
            "Took {count} off meeting #{id}'s list",
        ),
        "msg.event_guest_saved": (
            "已保存嘉宾：{organisation}{name}",
            "Saved guest: {name} ({organisation})",
        ),
        "col.session": ("场次", "Session"),
        "col.host": ("主持", "Chair"),
        "col.item": ("议程", "Item"),
        "col.speakers": ("发言人", "Speakers"),
        "col.organisation": ("单位", "Organisation"),
        "col.post": ("职务", "Post"),
        "eventrole.attend": ("出席", "attend"),
        "eventrole.sit-in": ("列席", "sit in"),
        "eventrole.join": ("参加", "take part"),
        "eventrole.special": ("特邀", "special guest"),
        "registration.registered": ("已报名", "registered"),
        "registration.waitlisted": ("候补", "waitlisted"),
        "registration.cancelled": ("已取消", "cancelled"),
        "col.certificate": ("证书编号", "Certificate"),
        "col.is_member": ("会员单位", "Member"),
        "col.issued_on": ("发证日期", "Issued"),
        "col.reissues": ("补发次数", "Reissued"),
        "col.fee_due": ("应缴费用", "Fee"),
        "col.fee_paid": ("已缴", "Paid"),
        "col.receipts": ("收据号", "Receipts"),
        "col.sessions_attended": ("出席场次", "Sessions"),
        "col.signed_in": ("签到人数", "Signed in"),
        "col.registered": ("报名人数", "Registered"),
        "col.attendance_rate": ("出席率", "Attendance"),
        "msg.event_class_set": (
            "已设置会议 #{id} 的培训班名额与费用",
            "Set meeting #{id}'s places and fees",
        ),
        "msg.event_registered": (
            "已报名 {count} 人（候补 {waiting} 人）",
            "Registered {count} ({waiting} on the waitlist)",
        ),
        "msg.event_not_members": (
            "以下单位不是会员单位（按非会员收费）：{units}",
            "Not member units (the other fee applies): {units}",
        ),
        "msg.event_cancelled": ("已取消 {name} 的报名", "Cancelled {name}'s registration"),
        "msg.event_promoted": ("候补的 {name} 递补入班", "{name} moves up from the waitlist"),
        "msg.event_fee_paid": (
            "已收 {name} 培训费 {amount}，收据号 {receipt}",
            "Received {amount} from {name}, receipt {receipt}",
        ),
        "msg.event_fee_voided": ("已作废收据 {receipt}", "Voided receipt {receipt}"),
        "msg.event_signed_in": ("{label}签到 {count} 人", "{count} signed in at {label}"),
        "msg.event_certified": ("已发结业证书 {count} 张", "Issued {count} certificate(s)"),
        "msg.event_reissued": (
            "已补发结业证书 {number}（第{n}次补发）",
            "Reissued certificate {number} (reissue {n})",
        ),
        "msg.series_planned": (
            "例会“{name}”已安排 {count} 次会议",
            'Planned {count} meetings of "{name}"',
        ),
        "msg.series_moved": (
            "例会“{name}”{day} 的会议已改到 {to}",
            'Moved "{name}" of {day} to {to}',
        ),
        "msg.series_cancelled": ("例会“{name}”{day} 的会议已取消", 'Cancelled "{name}" of {day}'),
        "col.series": ("例会", "Series"),
        "col.rule": ("规则", "Rule"),
        "col.planned": ("计划", "Planned"),
        "col.held": ("已开", "Held"),
        "col.to_come": ("待开", "To come"),
        "col.cancelled": ("取消", "Cancelled"),
        "msg.item_added": ("已加入第{n}项议程：{title}", "Added agenda item {n}: {title}"),
        "msg.item_moved": ("第{n}项已移到第{to}项", "Moved item {n} to position {to}"),
        "msg.item_removed": ("已删除议程：{title}", "Removed agenda item: {title}"),
        "msg.item_noted": ("已记录第{n}项的纪要", "Noted item {n} for the minutes"),
        "msg.item_edited": ("已修改第{n}项议程：{title}", "Changed agenda item {n}: {title}"),
        "msg.meeting_deleted": ("已删除会议 #{id}：{title}", "Deleted meeting #{id}: {title}"),
        "msg.uninvited": ("已撤回对{person}的邀请", "Withdrew the invitation to {person}"),
        "msg.invited": ("已邀请 {count} 人", "Invited {count} people"),
        "msg.marked": ("{person}：{status}", "{person}: {status}"),
        "msg.vote": (
            "表决“{topic}”：赞成{votes_for}，反对{against}，弃权{abstain}，"
            "实到{present} — {outcome}",
            'Vote on "{topic}": for {votes_for}, against {against}, abstaining {abstain}, '
            "present {present} — {outcome}",
        ),
        "msg.quorum_met": (
            "应到{expected}，实到{present}，需到{required}：符合法定人数",
            "Expected {expected}, present {present}, required {required}: quorum met",
        ),
        "msg.quorum_not_met": (
            "应到{expected}，实到{present}，需到{required}：不足法定人数",
            "Expected {expected}, present {present}, required {required}: no quorum",
        ),
        "msg.quorum_none": (
            "应到{expected}，实到{present}（此类会议无法定人数要求）",
            "Expected {expected}, present {present} (this kind of meeting has no quorum rule)",
        ),
        "msg.action_added": (
            "已记录工作事项 {id}：{content}",
            "Recorded action item {id}: {content}",
        ),
        "msg.action_done": ("工作事项 {id} 已完成", "Action item {id} done"),
        "msg.kind_set": ("已设置会议类型：{name}", "Saved meeting kind: {name}"),
        "msg.written": ("已写入 {file}", "Wrote {file}"),
    }
)

MESSAGES.update(
    {
        "log.at": ("时间", "When"),
        "log.operator": ("操作人", "Operator"),
        "log.command": ("命令", "Command"),
        "log.entity": ("数据表", "Table"),
        "log.entity_id": ("记录", "Row"),
        "log.action": ("动作", "Action"),
        "log.before": ("修改前", "Before"),
        "log.after": ("修改后", "After"),
    }
)

MESSAGES.update(
    {
        "msg.ignored_columns": ("未识别的列已忽略：{columns}", "Ignored columns: {columns}"),
        "col.active_members": ("在册", "Active"),
        "col.withdrawn_members": ("已退会", "Withdrawn"),
        "col.bar": ("", ""),
    }
)

# assoc db and assoc demo: what they report
MESSAGES.update(
    {
        "msg.copied": (
            "已复制 {total} 行（{tables} 张表）到 {target}；行数一致",
            "copied {total} rows in {tables} tables to {target}; counts match",
        ),
        "msg.backed_up": ("已备份到 {file}（{kind}）", "backed up to {file} ({kind})"),
        "backup.sqlite": ("SQLite 文件", "SQLite file"),
        "backup.bundle": ("可移植备份包", "portable bundle"),
        "msg.restored": (
            "已从 {file} 恢复 {rows} 行；行数一致",
            "restored {rows} rows from {file}; counts match",
        ),
        "check.postgres": (
            "完整性与外键：由 PostgreSQL 保证",
            "integrity and foreign keys: enforced by PostgreSQL",
        ),
        "check.damaged": (
            "完整性检查：已损坏（{findings}{more}）",
            "integrity check: damaged ({findings}{more})",
        ),
        "check.finding": ("{count} 处问题", "{count} finding"),
        "check.findings": ("{count} 处问题", "{count} findings"),
        "check.and_more": ("，还有更多", ", and more"),
        "check.integrity_finding": ("完整性：{finding}", "integrity: {finding}"),
        "check.more_not_shown": ("完整性：…（其余未列出）", "integrity: … (more not shown)"),
        "check.integrity_ok": ("完整性检查：正常", "integrity check: ok"),
        "check.foreign_keys": ("外键：{state}", "foreign keys: {state}"),
        "check.broken": ("{count} 处损坏", "{count} broken"),
        "check.foreign_key": ("外键：{row}", "foreign key: {row}"),
        "check.ok": ("正常", "ok"),
        "check.mismatches": ("{count} 处不一致", "{count} mismatches"),
        "check.ledger": (
            "会费台账：{state}（{members} 家会员，{entries} 条记录）",
            "dues ledger: {state} ({members} members, {entries} entries)",
        ),
        "rev.empty": ("（空）", "(empty)"),
        "rev.head": ("{rev}（最新）", "{rev} (head)"),
        "rev.newer": (
            "{rev}（比本 assoc 更新，本 assoc 最新为 {head}：请升级 assoc）",
            "{rev} (newer than this assoc, whose newest is {head}: upgrade assoc)",
        ),
        "rev.behind": ("{rev}（落后于最新版本 {head}）", "{rev} (behind head {head})"),
        "msg.demo_tour": (
            "试试这些命令（或设置 ASSOC_DB={path}，省去 --db）：\n"
            "\n"
            "  assoc --db {path} info                         # 概况：协会、数据库、数量\n"
            "  assoc --db {path} members list --sort strokes  # 会员名册，按姓氏笔画排序\n"
            "  assoc --db {path} members list --tier 副会长单位  # 某一会费档次\n"
            "  assoc --db {path} members show {example}          # 一家会员：职务、会籍记录\n"
            "  assoc --db {path} members stats                # 按档次和行业环节统计，党建数据\n"
            "  assoc --db {path} offices list                 # 职务：谁担任什么职务\n"
            "  assoc --db {path} members export -o 会员名册.xlsx\n"
            "  assoc --db {path} dues report --year 2022 --as-of 2022-11-30 --compare 2021\n"
            "  assoc --db {path} dues unpaid --year 2022 --as-of 2022-11-30\n"
            "  assoc --db {path} dues statement {example} --as-of 2022-11-30\n"
            "  assoc --db {path} dues notice --year 2022 --unpaid --on 2022-11-30 --docx\n"
            "  assoc --db {path} dues verify\n"
            "  assoc --db {path} meetings list\n"
            "  assoc --db {path} meetings agenda render {meeting} --style sentence\n"
            "  assoc --db {path} meetings signin {meeting} -f docx -o 签到表.docx\n"
            "  assoc --db {path} meetings minutes {meeting}\n"
            "  assoc --db {path} actions list --open\n"
            "  assoc --db {path} --lang en members list -f plain\n",
            "Try these (or set ASSOC_DB={path} and drop the --db):\n"
            "\n"
            "  assoc --db {path} info                         # 概况: association, counts\n"
            "  assoc --db {path} members list --sort strokes  # 会员名册 by stroke count (笔画)\n"
            "  assoc --db {path} members list --tier 副会长单位  # one dues tier\n"
            "  assoc --db {path} members show {example}          # one member, offices, history\n"
            "  assoc --db {path} members stats                # by tier, segment, party\n"
            "  assoc --db {path} offices list                 # 职务: who holds which office\n"
            "  assoc --db {path} members export -o roster.xlsx\n"
            "  assoc --db {path} dues report --year 2022 --as-of 2022-11-30 --compare 2021\n"
            "  assoc --db {path} dues unpaid --year 2022 --as-of 2022-11-30\n"
            "  assoc --db {path} dues statement {example} --as-of 2022-11-30\n"
            "  assoc --db {path} dues notice --year 2022 --unpaid --on 2022-11-30 --docx\n"
            "  assoc --db {path} dues verify\n"
            "  assoc --db {path} meetings list\n"
            "  assoc --db {path} meetings agenda render {meeting} --style sentence\n"
            "  assoc --db {path} meetings signin {meeting} -f docx -o 签到表.docx\n"
            "  assoc --db {path} meetings minutes {meeting}\n"
            "  assoc --db {path} actions list --open\n"
            "  assoc --db {path} --lang en members list -f plain\n",
        ),
        "msg.dues_adjusted": (
            "其中 {members} 家会员的{year}年度应缴经过调整（合计 {amount}，"
            "见 assoc dues statement）",
            "{members} member(s) had their {year} dues adjusted ({amount} in all; "
            "see assoc dues statement)",
        ),
    }
)
