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
    "msg.truncated_more": (
        "仅显示前 {shown} 行，共 {total} 行以上；完整结果请用 -f csv 导出",
        "Showing the first {shown} of more than {total} rows; use -f csv for all of them",
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
        "progress.verify": ("核对会员账目", "checking members' accounts"),
        "progress.refresh": ("重算会费余额", "recomputing the stored balances"),
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

# Industry statistics and the party register (issue 19)
MESSAGES.update(
    {
        "col.stat_plan": ("报表制度", "Plan"),
        "col.stat_period": ("报告期", "Period"),
        "col.due_on": ("截止日期", "Due"),
        "col.stat_contact": ("信息员", "Statistics contact"),
        "col.stat_indicator": ("指标", "Indicator"),
        "col.stat_unit": ("计量单位", "Unit"),
        "col.stat_kind": ("指标类型", "Kind"),
        "col.stat_this_month": ("本月", "This month"),
        "col.stat_current": ("本期", "This period"),
        "col.stat_cumulative": ("本年累计", "Year to date"),
        "col.stat_previous": ("上年同期", "Same period last year"),
        "col.stat_previous_current": ("上年同期本期", "Last year, this period"),
        "col.stat_growth": ("同比（%）", "Change (%)"),
        "col.stat_same_growth": ("同口径增长（%）", "Like-for-like change (%)"),
        "col.stat_reported": ("报送家数", "Reported"),
        "col.stat_expected": ("应报家数", "Expected"),
        "col.stat_same_members": ("同口径家数", "Like-for-like firms"),
        "col.stat_scale": ("规上", "Above scale"),
        "col.stat_scale_source": ("认定方式", "How set"),
        "col.stat_frequency": ("报送周期", "Frequency"),
        "col.stat_jan_feb": ("1-2月合并", "Jan+Feb together"),
        "col.stat_due_day": ("次月截止日", "Due day (next month)"),
        "col.party_orgs": ("党组织数", "Party organisations"),
        "col.party_org": ("党组织", "Party organisation"),
        "col.party_kind": ("组织类型", "Kind"),
        "col.secretary": ("书记", "Secretary"),
        "col.founded_on": ("成立日期", "Founded"),
        "col.units_covered": ("覆盖单位", "Units covered"),
        "col.party_members_counted": ("党员数", "Party members"),
        "col.counted_on": ("统计日期", "Counted on"),
        "col.partner": ("结对单位", "Paired with"),
        "col.started_on": ("结对日期", "Since"),
        "col.party_group": ("组成部分", "Part"),
        "col.party_role": ("角色", "Role"),
        "col.meeting_kind": ("会议类型", "Meeting kind"),
        "col.year": ("年度", "Year"),
        "col.held": ("已开", "Held"),
        "col.required": ("应开", "Required"),
        "col.shortfall": ("差额", "Short by"),
        "stats.source_derived": ("按营业收入认定", "derived from revenue"),
        "stats.source_manual": ("手工认定", "set by hand"),
        "stats.scale_above": ("规上企业", "Above scale"),
        "stats.scale_below": ("规下企业", "Below scale"),
        "stats.scale_unknown": ("未认定", "Not determined"),
        "stats.kind_flow": ("累计数", "sums over the year"),
        "stats.kind_level": ("时点数", "a level"),
        "stats.freq_monthly": ("月报", "monthly"),
        "stats.freq_quarterly": ("季报", "quarterly"),
        "stats.freq_yearly": ("年报", "yearly"),
        "stats.period_year": ("{year}年", "{year}"),
        "stats.period_q1": ("{year}年第一季度", "{year} Q1"),
        "stats.period_q2": ("{year}年第二季度", "{year} Q2"),
        "stats.period_q3": ("{year}年第三季度", "{year} Q3"),
        "stats.period_q4": ("{year}年第四季度", "{year} Q4"),
        "stats.period_month": ("{year}年{month}月", "{year}-{month:02d}"),
        "stats.period_months": ("{year}年{start}-{end}月", "{year}, months {start}-{end}"),
        "stats.report_title": ("主要经济指标（{period}）", "Main indicators ({period})"),
        "stats.suppressed": (
            "不足{minimum}家的分组不予公布：{groups}",
            "groups of fewer than {minimum} firms are not published: {groups}",
        ),
        "stats.coverage": (
            "{expected}家中{reported}家报送",
            "{reported} of {expected} firms reported",
        ),
        "stats.same_growth": (
            "；同口径{growth}（{firms}家）",
            "; like for like {growth} ({firms} firms)",
        ),
        "stats.nominal_growth": ("；名义{growth}", "; nominal {growth}"),
        "stats.increase": ("增长{value}%", "up {value}%"),
        "stats.decline": ("下降{value}%", "down {value}%"),
        "stats.no_growth": ("无上年同期数据", "no figures for the same period last year"),
        "stats.sentence": (
            "{name}现有规上企业{firms}家，{last_year}年实现产值{output}亿元，实现税收{tax}亿元，"
            "{year}年1-{month}月，完成产值{to_date}亿元，较去年同期{change}。",
            "{name} has {firms} enterprises above designated size; in {last_year} their output "
            "was CNY {output} 100 million and their taxes CNY {tax} 100 million; in January–"
            "{month:02d}/{year} their output was CNY {to_date} 100 million, {change} on the "
            "same period last year. ",
        ),
        "stats.sentence_people": (
            "共有员工{employees}名，其中党员{party_members}名，有党委、党支部{orgs}家。",
            "They employ {employees} people, {party_members} of them party members, "
            "in {orgs} party organisations.",
        ),
        "msg.stats_entered": (
            "已录入 {member} {period} 的 {count} 项指标",
            "{count} figure(s) recorded for {member}, {period}",
        ),
        "msg.stats_imported": (
            "已导入 {members} 家会员的 {count} 项指标",
            "{count} figure(s) imported for {members} member(s)",
        ),
        "msg.stats_withdrawn": (
            "已删除 {member} {period} 的报表",
            "Report of {member} for {period} removed",
        ),
        "msg.stats_enrolled": ("{member} 按{plan}报送", "{member} reports under {plan}"),
        "msg.stats_contacts": (
            "已登记 {member} 的信息员",
            "Statistics contacts of {member} recorded",
        ),
        "msg.stats_indicator_added": ("已新增指标 {name}", "Indicator {name} added"),
        "msg.stats_plan_added": ("已新增报表制度 {name}", "Plan {name} added"),
        "msg.stats_scale": (
            "{year}年规上企业 {above} 家，规下 {below} 家",
            "{year}: {above} above scale, {below} below",
        ),
        "msg.stats_scale_set": ("已设定 {member} {year}年规上认定", "{member}: 规上 {year} set"),
        "msg.stats_forms": ("已生成 {count} 份报表", "{count} form(s) written"),
        "msg.stats_settings": ("统计设置已保存", "Statistics settings saved"),
        "msg.party_org_added": ("已登记党组织 {name}", "Party organisation {name} recorded"),
        "msg.party_count": (
            "已登记 {name} 党员数 {count}",
            "{name}: {count} party members recorded",
        ),
        "msg.party_pairing": (
            "已登记党建结对：{name} — {partner}",
            "Pairing recorded: {name} — {partner}",
        ),
        "msg.party_group": ("已登记 {name}", "{name} recorded"),
        "msg.party_meeting": ("已登记 {name} 的{kind}", "{kind} of {name} recorded"),
        "msg.party_settings": ("三会一课频次已保存", "三会一课 frequencies saved"),
        "party.role_committee": ("联合党委", "committee"),
        "party.role_alliance": ("联盟", "alliance"),
        "party.role_station": ("服务站", "service station"),
        "party.role_site": ("示范点", "model site"),
        "party.freq_monthly": ("每月", "monthly"),
        "party.freq_quarterly": ("每季度", "quarterly"),
        "party.freq_half-yearly": ("每半年", "twice a year"),
        "party.freq_yearly": ("每年", "yearly"),
    }
)
# ---------------------------------------------------------------- report (年度工作报告, 换届材料)
MESSAGES.update(
    {
        "rpt.title": ("{association}{year}年度工作报告", "{association} annual report {year}"),
        "rpt.as_of": (
            "本报告数据截至{date}，均取自 assoc 记录；标“待填写”的项目须据所列材料补填。",
            "Figures as of {date}, from the assoc record; items marked “to be filled” "
            "need the material named.",
        ),
        "rpt.pending": ("待填写", "To be filled"),
        "rpt.pending_needs": ("待填写（需要：{needed}）", "To be filled (needs: {needed})"),
        "rpt.none": ("（无）", "(none)"),
        "rpt.no_problems": ("未发现问题。", "No problems found."),
        "rpt.unplaced": ("未指定年度", "Not placed on a year"),
        "rpt.not_on_record": ("记录中未找到该会议", "No such meeting on record"),
        "rpt.state.pending": ("待填写", "to be filled"),
        "rpt.state.filled": ("已填", "filled"),
        "rpt.sheet.figures": ("数据与来源", "Figures and sources"),
        "rpt.section.basics": ("基本情况", "Basic information"),
        "rpt.section.members": ("会员和负责人", "Members and officers"),
        "rpt.section.governance": ("换届和会议", "Elections and meetings"),
        "rpt.section.activities": ("业务活动和会员服务", "Activities and member services"),
        "rpt.section.finance": ("财务和会费", "Finance and dues"),
        "rpt.section.party": ("党建工作", "Party building"),
        "rpt.section.statistics": ("行业统计", "Industry statistics"),
        "rpt.section.attachments": ("附件", "Attachments"),
        "rpt.section.checks": ("问题清单", "Check list"),
        "rpt.table.income": (
            "{year}年会费收入（收付实现制，按所属会费年度）",
            "Dues income received in {year} (cash basis), by year of dues",
        ),
        "rpt.table.collection": (
            "{year}年度会费收缴情况（截至{date}）",
            "{year} dues collected (as of {date})",
        ),
        "rpt.table.rates": (
            "{year}年度会费标准及通过会议",
            "{year} dues rates and who adopted them",
        ),
        "rpt.table.leaders": ("秘书长以上负责人", "Leaders (secretary-general and above)"),
        "rpt.table.meetings": ("{year}年召开的会议", "Meetings held in {year}"),
        "rpt.col.dues_year": ("会费年度", "Dues year"),
        "rpt.col.income": ("收入", "Income"),
        "rpt.col.on_record": ("会议记录", "Meeting on record"),
        "rpt.col.n": ("序号", "No."),
        "rpt.col.problem": ("问题", "Problem"),
        "rpt.col.fix": ("处理办法", "How to fix"),
        "rpt.col.section": ("部分", "Section"),
        "rpt.col.state": ("状态", "State"),
        "rpt.col.source": ("来源命令", "Source command"),
        "rpt.col.key": ("代码", "Key"),
        "rpt.chart.rate_by_tier": (
            "{year}年度会费收缴率（按档次）",
            "{year} collection rate by tier",
        ),
        "rpt.chart.rate_by_year": (
            "历年会费收缴率（各年末）",
            "Collection rate by year (at year end)",
        ),
        "report.chart": ("{year}年度会费收缴率", "{year} collection rate"),
        "rpt.term.on_time": ("按期", "on time"),
        "rpt.term.due": ("一年内到期，须筹备换届", "ends within a year: prepare the election"),
        "rpt.term.overdue": ("已届满，逾期未换届", "ended: the election is overdue"),
        "rpt.term.none": ("无届次记录", "no term on record"),
        # figures
        "rpt.f.profile.name": ("社会组织名称", "Name"),
        "rpt.f.profile.address": ("住所", "Address"),
        "rpt.f.profile.phone": ("联系电话", "Phone"),
        "rpt.f.profile.email": ("电子邮箱", "E-mail"),
        "rpt.f.profile.credit_code": ("统一社会信用代码", "Unified social credit code"),
        "rpt.f.profile.legal_rep": ("法定代表人", "Legal representative"),
        "rpt.f.profile.supervisor": ("业务主管单位", "Supervising unit"),
        "rpt.f.profile.scope": ("业务范围", "Scope of business"),
        "rpt.f.profile.capital": ("活动资金", "Registered funds"),
        "rpt.f.profile.founded": ("成立时间", "Founded"),
        "rpt.f.profile.category": ("社团类别", "Category"),
        "rpt.f.profile.contact": ("联系人及手机", "Contact person and mobile"),
        "rpt.f.members.units": ("单位会员数", "Unit members"),
        "rpt.f.members.persons": ("个人会员数", "Individual members"),
        "rpt.f.members.total": ("会员总数", "Members in all"),
        "rpt.f.members.joined": ("本年新入会", "Joined in the year"),
        "rpt.f.members.left": ("本年退会", "Left in the year"),
        "rpt.f.members.undated": ("无入会日期的会员", "Members without a join date"),
        "rpt.f.members.staff": ("专职工作人员数", "Full-time staff"),
        "rpt.f.leaders.count": ("秘书长以上负责人人数", "Leaders (secretary-general and above)"),
        "rpt.f.term.current": ("本届届次", "Term in force"),
        "rpt.f.term.end": ("本届届满日期", "Term ends"),
        "rpt.f.term.state": ("换届情况", "Election (换届)"),
        "rpt.f.meetings.assembly": ("召开会员（代表）大会次数", "Member assemblies held"),
        "rpt.f.meetings.council": ("召开理事会次数", "Council meetings held"),
        "rpt.f.meetings.standing": ("召开常务理事会次数", "Standing council meetings held"),
        "rpt.f.meetings.total": ("召开各类会议次数", "Meetings held in all"),
        "rpt.f.meetings.resolutions": ("表决事项数", "Votes taken"),
        "rpt.f.meetings.passed": ("通过事项数", "Votes passed"),
        "rpt.f.governance.explanation": (
            "未按章程规定如期换届、开会的说明",
            "Why the election or meetings were not held as the charter requires",
        ),
        "rpt.f.dues.income": ("会费收入（收付实现制）", "Dues income (cash basis)"),
        "rpt.f.dues.income_own_year": ("其中本年度会费", "of which this year's dues"),
        "rpt.f.dues.net_due": ("本年度应收会费", "This year's dues due (net)"),
        "rpt.f.dues.collected": ("本年度已收会费", "This year's dues collected"),
        "rpt.f.dues.rate_count": ("会费收缴率（按单位）", "Collection rate (by count)"),
        "rpt.f.dues.rate_amount": ("会费收缴率（按金额）", "Collection rate (by amount)"),
        "rpt.f.finance.donations": ("捐赠收入", "Donations"),
        "rpt.f.finance.services": ("提供服务收入", "Income from services"),
        "rpt.f.finance.sales": ("商品销售收入", "Sales"),
        "rpt.f.finance.grants": ("政府补助收入", "Government grants"),
        "rpt.f.finance.investment": ("投资收益", "Investment income"),
        "rpt.f.finance.other": ("其他收入", "Other income"),
        "rpt.f.finance.expenses": ("费用合计", "Expenses in all"),
        "rpt.f.party.members": ("会员单位党员人数", "Party members in member units"),
        "rpt.f.party.units_with_org": (
            "建有党组织的会员单位",
            "Member units with a party organisation",
        ),
        "rpt.f.party.unknown": ("党员人数未填的会员", "Members whose party members are unknown"),
        "rpt.f.party.own_org": ("协会党组织基本情况", "The association's own party organisation"),
        "rpt.f.party.activities": (
            "党的工作开展情况（三会一课等）",
            "Party activities (三会一课…)",
        ),
        "rpt.f.activities.forum": ("举办论坛、讲坛次数", "Forums held"),
        "rpt.f.activities.lecture": ("举办讲座、报告会次数", "Lectures held"),
        "rpt.f.activities.annual_meeting": ("举办年会次数", "Annual meetings held"),
        "rpt.f.activities.seminar": ("举办研讨会次数", "Seminars held"),
        "rpt.f.activities.training": ("举办培训次数", "Trainings held"),
        "rpt.f.activities.award": ("开展评比、达标、表彰次数", "Awards and ratings run"),
        "rpt.f.services.count": (
            "会员服务次数（走访、调研等）",
            "Member services (visits, research…)",
        ),
        "rpt.f.requests.received": ("受理会员诉求数", "Members' requests received"),
        "rpt.f.requests.solved": ("办结会员诉求数", "Members' requests solved"),
        "rpt.f.statistics.coverage": (
            "统计报送情况（报送家数/应报家数）",
            "Statistics reported (firms)",
        ),
        "rpt.f.statistics.output": ("会员单位产值、营业收入合计", "Members' output and revenue"),
        "rpt.f.attach.summary": ("年度工作总结", "The year's work summary"),
        "rpt.f.attach.plan": ("下一年度工作安排", "Next year's work plan"),
        "rpt.f.attach.pledge": ("诚信自律承诺书", "Integrity pledge"),
        # what is needed
        "rpt.need.services": (
            "会员诉求台账（assoc requests add）",
            "the ledger of members' requests (assoc requests add)",
        ),
        "rpt.need.statistics": (
            "本年会员统计报表（assoc stats enter）",
            "the year's statistics returns (assoc stats enter)",
        ),
        "rpt.need.party": (
            "协会自身党组织（assoc party add，不覆盖会员单位）",
            "the association's own party organisation (assoc party add, covering no unit)",
        ),
        "rpt.need.party_meetings": (
            "党组织名册及三会一课（assoc party add / party meeting）",
            "the party organisations and their 三会一课 (assoc party add / party meeting)",
        ),
        "rpt.party.own_org": (
            "{name}（{kind}，书记{secretary}，成立于{founded}）",
            "{name} ({kind}, secretary {secretary}, founded {founded})",
        ),
        "rpt.party.activities": (
            "{orgs}个党组织召开三会一课{held}次（按规定应开{required}次）",
            "{orgs} party organisation(s) held 三会一课 {held} time(s) ({required} required)",
        ),
        "rpt.list_sep": ("；", "; "),
        "rpt.need.profile": ("协会信息（assoc init）", "the association profile (assoc init)"),
        "rpt.need.certificate": ("登记证书、章程", "the registration certificate and the charter"),
        "rpt.need.staff": ("秘书处人员名册", "the secretariat's staff list"),
        "rpt.need.term": ("届次（assoc terms add）", "the terms (assoc terms add)"),
        "rpt.need.accounts": (
            "财务会计报告（业务活动表）",
            "the financial statements (业务活动表)",
        ),
        "rpt.need.rates": (
            "{year}年度会费标准（assoc dues rates set）",
            "the {year} dues rates (assoc dues rates set)",
        ),
        "rpt.need.explanation": (
            "情况说明，1700字以内",
            "an explanation, at most 1,700 characters",
        ),
        "rpt.need.prose": ("由秘书处撰写", "written by the secretariat"),
        # the check list
        "rpt.problem.fee_overlap": (
            "{date}的培训班（会议{meeting}）向会费正常缴纳的会员单位{count}人次收取培训费"
            "（会员价{fee}），可能对会费已包含的服务重复收费",
            "The training class of {date} (meeting {meeting}) charges {count} participant(s) "
            "from members in good standing a fee ({fee} member price): the dues may already "
            "cover it",
        ),
        "rpt.fix.fee_overlap": (
            "对照会费所含服务核实；如属会费已含服务，改为会员免费：assoc events class {meeting} "
            "--fee-member 0，并退还已收费用",
            "Check it against what the dues cover; if covered, make it free for members: "
            "assoc events class {meeting} --fee-member 0, and refund what was paid",
        ),
        "rpt.problem.no_term": (
            "没有届次记录，无法判断是否按期换届",
            "No term on record: on-time elections cannot be shown",
        ),
        "rpt.fix.no_term": ("用 assoc terms add 录入届次", "Record the terms: assoc terms add"),
        "rpt.problem.term_overdue": (
            "{term}已于{end}届满，逾期未换届",
            "{term} ended on {end}: the election (换届) is overdue",
        ),
        "rpt.fix.term_overdue": (
            "召开会员（代表）大会换届后用 assoc terms add {next} --start 日期 录入新一届；"
            "延期换届须经业务主管单位同意，并用 assoc terms edit 记录延期原因，在报告中说明情况",
            "Hold the election and record it: assoc terms add {next} --start DATE; an "
            "approved extension is recorded with assoc terms edit and explained in the report",
        ),
        "rpt.problem.term_due": ("{term}将于{end}届满", "{term} ends on {end}"),
        "rpt.fix.term_due": (
            "筹备换届：拟定候选人，提前报业务主管单位；换届后 assoc terms add {next} --start 日期",
            "Prepare the election; afterwards: assoc terms add {next} --start DATE",
        ),
        "rpt.problem.no_assembly": (
            "{year}年未召开会员（代表）大会（记录中没有）",
            "No member assembly held in {year} (none on record)",
        ),
        "rpt.fix.no_assembly": (
            "如已召开，用 assoc meetings new --kind 会员大会 --date 日期 补录；"
            "未召开的，在报告中说明情况",
            "If one was held, record it: assoc meetings new --kind 会员大会 --date DATE; "
            "if not, explain why in the report",
        ),
        "rpt.problem.no_council": (
            "{year}年未召开理事会（记录中没有）",
            "No council meeting held in {year} (none on record)",
        ),
        "rpt.fix.no_council": (
            "如已召开，用 assoc meetings new --kind 理事会 --date 日期 补录；"
            "未召开的，在报告中说明情况",
            "If one was held, record it: assoc meetings new --kind 理事会 --date DATE; "
            "if not, explain why in the report",
        ),
        "rpt.problem.rate_missing": (
            "以下档次没有{year}年度会费标准：{tiers}",
            "These tiers have no dues rate for {year}: {tiers}",
        ),
        "rpt.fix.rate_missing": (
            "经会员（代表）大会通过后，每个档次一条，如："
            "assoc dues rates set {year} {tier} 金额 --adopted-by 会议名称",
            "Once adopted by the assembly, one per tier, e.g. "
            "assoc dues rates set {year} {tier} AMOUNT --adopted-by MEETING",
        ),
        "rpt.problem.rate_unadopted": (
            "{year}年度会费标准未记录由哪次会员（代表）大会通过：{tiers}",
            "These {year} rates record no assembly that adopted them: {tiers}",
        ),
        "rpt.fix.rate_unadopted": (
            "每个档次一条，如 assoc dues rates set {year} {tier} {amount} --adopted-by 会议名称"
            "（如二届一次会员大会），并用 assoc meetings new --kind 会员大会 录入该次会议；"
            "未经会员大会通过的，须提交会员大会表决",
            "One per tier, e.g. assoc dues rates set {year} {tier} {amount} --adopted-by "
            "MEETING, and record that "
            "meeting with assoc meetings new --kind 会员大会; a rate no assembly adopted must "
            "be put to the assembly",
        ),
        "rpt.problem.rate_no_assembly": (
            "{year}年度会费标准记为“{adopted}”通过，但会议记录中没有这次会员（代表）大会：{tiers}",
            "These {year} rates were adopted by “{adopted}”, but no such member assembly is "
            "on record: {tiers}",
        ),
        "rpt.fix.rate_no_assembly": (
            "用 assoc meetings new --kind 会员大会 --date 日期 补录“{adopted}”（含表决结果："
            "assoc meetings vote），或更正通过会议（每个档次一条），如："
            "assoc dues rates set {year} {tier} {amount} --adopted-by 会议名称",
            "Record “{adopted}” with assoc meetings new --kind 会员大会 --date DATE (and its "
            "vote: assoc meetings vote), or correct it, one per tier, e.g. assoc dues rates "
            "set {year} {tier} {amount} --adopted-by MEETING",
        ),
        "rpt.problem.undated": (
            "{count}家会员计入会员总数，但没有入会日期（{numbers}）",
            "{count} member(s) counted with no join date ({numbers})",
        ),
        "rpt.fix.undated": (
            "核对入会手续后补录入会日期：assoc members edit {example} --joined 日期；"
            "未办理入会手续的不应计入",
            "Check their admission papers and record the date: assoc members edit "
            "{example} --joined DATE; a member never admitted should not be counted",
        ),
    }
)

MESSAGES.update(
    {
        "rpt.col.detail": ("详见", "Detail"),
        "rpt.year_title": ("{year}年概览", "{year} at a glance"),
        "rpt.f.actions.open": ("未办结督办事项", "Action items still open"),
        "rpt.msg.summary": (
            "已填 {filled} 项，待填写 {pending} 项，问题 {problems} 个",
            "{filled} figures filled, {pending} to be filled, {problems} problem(s)",
        ),
    }
)

MESSAGES.update(
    {
        "rpt.handover.title": (
            "{association}{term}换届材料",
            "{association}: {term} hand-over pack",
        ),
        "rpt.handover.intro": (
            "{term}任期自{start}至{end}。以下材料取自 assoc 记录，截至{date}。",
            "{term} runs from {start} to {end}. From the assoc record, as of {date}.",
        ),
        "rpt.handover.officers": ("本届职务及变动", "Officers of the term and changes"),
        "rpt.handover.changes": ("{before}至{after}的变动", "Changes from {before} to {after}"),
        "rpt.handover.meetings": ("本届会议及决议", "Meetings of the term and their resolutions"),
        "rpt.handover.dues": ("本届各年度会费收缴情况", "Dues collected per year of the term"),
        "rpt.handover.actions": ("未办结的督办事项", "Action items still open"),
        "rpt.handover.requests": ("未办结的会员诉求", "Members' requests still open"),
        "rpt.handover.leaders": ("下一届备案负责人名单", "Leaders for the next term's filing"),
        "rpt.handover.no_next": (
            "下一届尚未录入（assoc terms add），以下为{term}负责人，供换届备案参考。",
            "The next term is not recorded yet (assoc terms add): the leaders of {term} "
            "are listed for reference.",
        ),
        "rpt.change.new": ("新任", "took office"),
        "rpt.change.gone": ("卸任", "left office"),
        "rpt.change.person": ("任职人变更", "new person"),
        "rpt.col.before": ("原任职人", "Before"),
        "rpt.col.after": ("现任职人", "After"),
        "rpt.col.change": ("变动", "Change"),
        "rpt.col.resolutions": ("表决事项", "Resolutions"),
        "rpt.vote.line": (
            "{topic}（赞成{votes_for}、反对{against}、弃权{abstain}，{outcome}）",
            "{topic} ({votes_for} for, {against} against, {abstain} abstaining: {outcome})",
        ),
        "rpt.vote.passed": ("通过", "passed"),
        "rpt.vote.failed": ("未通过", "not passed"),
        "rpt.f.requests.open": ("未办结诉求", "Open requests"),
    }
)

MESSAGES.update({"rpt.fix_line": ("处理办法：{fix}", "How to fix: {fix}")})
# assoc today (and assoc alone): what needs attention, and how to start a database.
MESSAGES.update(
    {
        "today.title": (
            "{association}：{date} 待办事项",
            "{association}: what needs attention on {date}",
        ),
        "today.nothing": ("今天没有需要处理的事项。", "Nothing needs attention today."),
        "today.col.kind": ("事项", "Item"),
        "today.col.text": ("情况", "What"),
        "today.col.commands": ("命令", "Command"),
        "today.kind.dues": ("会费收缴", "Dues"),
        "today.kind.notices": ("缴费通知", "Notices"),
        "today.kind.meetings": ("近期会议", "Meetings"),
        "today.kind.actions": ("督办事项", "Action items"),
        "today.kind.requests": ("会员诉求", "Requests"),
        "today.kind.statistics": ("统计报表", "Statistics"),
        "today.kind.election": ("换届", "Election (换届)"),
        "today.kind.backup": ("备份", "Backup"),
        "today.dues": (
            "{year}年度会费：应缴{owing}家，已缴清{full}家（收缴率{rate}），"
            "未缴清{unpaid}家，尚欠{outstanding}",
            "{year} dues: {owing} members owe, {full} paid in full ({rate}), "
            "{unpaid} still owing {outstanding}",
        ),
        "today.notices": (
            "{count}家应缴{year}年度会费的会员尚未发缴费通知",
            "{count} member(s) owing {year} dues were sent no notice",
        ),
        "today.reminders": (
            "{count}家会员{year}年度会费未缴清，发通知已满两周，尚未发催缴通知",
            "{count} member(s) still owe {year} dues two weeks after the notice and were "
            "sent no reminder",
        ),
        "today.notice_folder": ("会费通知", "dues-notices"),
        "today.reminder_folder": ("催缴通知", "dues-reminders"),
        "today.meeting": (
            "{date}（{days}天后）{title}：议程{agenda}项，邀请{invited}人",
            "{date} (in {days} days) {title}: {agenda} agenda item(s), {invited} invited",
        ),
        "today.lacking": ("；尚缺{what}", "; still to do: {what}"),
        "today.join": ("、", ", "),
        "today.no_agenda": (
            "议程（assoc meetings agenda add {id} 标题）",
            "the agenda (assoc meetings agenda add {id} TITLE)",
        ),
        "today.no_invitations": ("邀请（{invite}）", "invitations ({invite})"),
        "today.agenda_file": ("议程-{id}.docx", "agenda-{id}.docx"),
        "today.signin_file": ("签到表-{id}.docx", "signin-{id}.docx"),
        "today.actions": (
            "{count}项督办事项已逾期，最早的是“{content}”（{owner}，{due}到期）",
            '{count} action item(s) overdue, the oldest "{content}" ({owner}, due {due})',
        ),
        "today.requests": (
            "{count}件会员诉求{days}个工作日内到期或已超期（其中超期{overdue}件），"
            "最早的是{number}（{member}，{due}到期）",
            "{count} member request(s) due within {days} working days or overdue "
            "({overdue} overdue), the earliest {number} ({member}, due {due})",
        ),
        "today.statistics": (
            "{plan}：{period}统计报表已于{due}到期，还有{count}家会员未报送",
            "{plan}: {count} member(s) have not reported {period} statistics, due {due}",
        ),
        "today.stats_reminder_file": ("催报通知-{period}.docx", "stats-reminders-{period}.docx"),
        "today.election": (
            "{label}将于{end}届满（还有{days}天），应筹备换届",
            "{label} ends on {end} (in {days} days): prepare the election (换届)",
        ),
        "today.election_late": (
            "{label}已于{end}届满，换届逾期",
            "{label} ended on {end}: the election (换届) is overdue",
        ),
        "today.election_next": (
            "；{label}已录入，自{start}起",
            "; {label} is recorded, from {start}",
        ),
        "today.election_record": (
            "；选举后录入新一届：assoc terms add {number} --start {start}",
            "; after the election record it: assoc terms add {number} --start {start}",
        ),
        "today.no_backup": ("尚无备份记录", "No backup recorded yet"),
        "today.old_backup": (
            "最近一次备份在{date}，已过{days}天",
            "The last backup was on {date}, {days} days ago",
        ),
        "today.backup_file": ("备份-{date}.db", "assoc-backup-{date}.db"),
        "today.start": (
            "还没有协会数据（{location}）。这样开始：\n"
            "\n"
            "  assoc init --name 协会全称 --short-name 简称      # 协会信息\n"
            "  assoc terms add 1 --start 2024-01-01 --years 5   # 当前届次\n"
            "  assoc members import 会员名册.xlsx --dry-run        # 会员名册（先检查）\n"
            "\n"
            "或者先看一个示范协会：\n"
            "\n"
            "  assoc demo\n",
            "No association here yet ({location}). To start:\n"
            "\n"
            "  assoc init --name 'Full name' --short-name Short   # the association\n"
            "  assoc terms add 1 --start 2024-01-01 --years 5     # its current term\n"
            "  assoc members import roster.xlsx --dry-run          # the roster (check first)\n"
            "\n"
            "Or try a demo association first:\n"
            "\n"
            "  assoc demo\n",
        ),
    }
)

# Next-step hints (stderr; not with --quiet).
MESSAGES.update(
    {
        # {invite}: a command line (ASCII commas between the offices, as typed).
        "hint.meeting_new": (
            "下一步：添加议程 assoc meetings agenda add {id} 标题；邀请参会 {invite}",
            "Next: add agenda items (assoc meetings agenda add {id} TITLE), then invite ({invite})",
        ),
        "hint.notice_docx": (
            "通知在 {folder}/ 中；用 Word/WPS 打开打印，或一次全部打印："
            "soffice --headless -p {folder}/*.docx",
            "The notices are in {folder}/; open them in Word/WPS to print, or print them all "
            "at once: soffice --headless -p {folder}/*.docx",
        ),
        "hint.notice_text": (
            "通知在 {folder}/ 中；一次全部打印：lp {folder}/*（Word 文件请加 --docx 重新生成）",
            "The notices are in {folder}/; print them all at once: lp {folder}/* "
            "(for Word files, write them again with --docx)",
        ),
    }
)

# The member services' messages live in their own module (i18n/messages_services.py).
from assoc_cli.i18n.messages_services import SERVICES_MESSAGES  # noqa: E402

MESSAGES.update(SERVICES_MESSAGES)
