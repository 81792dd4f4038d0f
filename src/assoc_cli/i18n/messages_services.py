"""Messages of the member services (requests, services and visits, the work summary):
key -> (Simplified Chinese, English), merged into the catalogue by messages.py."""

from __future__ import annotations

SERVICES_MESSAGES: dict[str, tuple[str, str]] = {
    # Requests (诉求台账)
    "col.sq_number": ("诉求编号", "Request"),
    "col.sq_received_on": ("受理日期", "Received"),
    "col.sq_source": ("来源", "Source"),
    "col.sq_category": ("类别", "Category"),
    "col.sq_description": ("诉求内容", "Request"),
    "col.sq_handler": ("承办人", "Handler"),
    "col.sq_due_on": ("办理期限", "Due"),
    "col.sq_status": ("状态", "Status"),
    "col.sq_closed_on": ("办结日期", "Closed"),
    "col.sq_followup": ("回访结果", "Follow-up"),
    "col.sq_contact": ("联系人", "Contact"),
    "col.sq_tags": ("标签", "Tags"),
    "col.sq_lead_body": ("主办单位", "Lead body"),
    "col.sq_assisting_bodies": ("协办单位", "Assisting bodies"),
    "col.sq_time_limit": ("办理时限（工作日）", "Time limit (working days)"),
    "col.sq_judged_due_on": ("考核期限", "Deadline judged"),
    "col.sq_extended_on": ("延期批准日期", "Extended on"),
    "col.sq_extension_reason": ("延期理由", "Extension reason"),
    "col.sq_result": ("办理结果", "Result"),
    "col.sq_replied_on": ("答复日期", "Answered"),
    "col.sq_followup_on": ("回访日期", "Followed up"),
    "col.sq_reopened": ("重办次数", "Reopened"),
    "col.sq_received": ("诉求数", "Received"),
    "col.sq_taken_up": ("受理数", "Taken up"),
    "col.sq_closed": ("办结数", "Closed"),
    "col.sq_on_time": ("按期办结数", "Closed on time"),
    "col.sq_overdue": ("超期数", "Overdue"),
    "col.sq_followed_up": ("回访数", "Followed up"),
    "col.sq_satisfied": ("满意数", "Satisfied"),
    "col.sq_closing_rate": ("办结率", "Closing rate"),
    "col.sq_on_time_rate": ("按期办结率", "On-time rate"),
    "col.sq_followup_rate": ("回访率", "Follow-up rate"),
    "col.sq_satisfaction_rate": ("满意率", "Satisfaction rate"),
    "col.sq_by_category": ("类别", "Category"),
    "col.sq_by_source": ("来源", "Source"),
    "col.sq_by_month": ("月份", "Month"),
    "col.sq_by_handler": ("承办人", "Handler"),
    "col.sq_is_overdue": ("已超期", "Overdue"),
    "sq.no_handler": ("（未指定）", "(none named)"),
    "sq.month": ("{month}月", "month {month}"),
    "sq.this_year": ("今年来", "This year"),
    "sq.in_year": ("{year}年", "In {year}"),
    "sq.solved": (
        "{when}，为会员企业协调解决涵盖{categories}等各类问题{count}个。",
        "{when} the association resolved {count} problems for member firms, covering "
        "{categories} and others.",
    ),
    "sq.solved_none": (
        "{when}，尚无办结的会员诉求。",
        "{when} no member request has been closed yet.",
    ),
    "sq.rates_sentence": (
        "办结率{closing}，按期办结率{on_time}，回访率{followup}，满意率{satisfaction}"
        "（{definition}）。",
        "Closing rate {closing}, on-time rate {on_time}, follow-up rate {followup}, "
        "satisfaction rate {satisfaction} ({definition}).",
    ),
    "sq.definition_strict": ("满意率仅计“满意”", "counting 满意 only"),
    "sq.definition_broad": ("满意率计“满意”和“基本满意”", "counting 满意 and 基本满意"),
    "sq.overdue_yes": ("是", "yes"),
    "msg.sq_added": ("已受理诉求 {number}，办理期限 {due}", "Request {number} taken in, due {due}"),
    "msg.sq_status": ("诉求 {number}：{status}", "Request {number}: {status}"),
    "msg.sq_extended": ("诉求 {number} 已延期至 {due}", "Request {number} extended to {due}"),
    "msg.sq_notice_written": (
        "催办通知已写入 {path}（{count} 件）",
        "Reminder notice written to {path} ({count} requests)",
    ),
    "msg.sq_list_added": ("已添加“{name}”", "Added “{name}”"),
    "doc.sq_notice_title": ("会员诉求催办通知", "Reminder: member requests due"),
    "doc.sq_notice_to": ("{names}：", "To {names}:"),
    "doc.sq_notice_body": (
        "截至{date}，您承办的会员诉求中有{count}件即将到期或已超期（其中已超期{overdue}件），"
        "请抓紧办理并及时答复会员企业。",
        "As of {date}, {count} of the member requests you handle are due soon or overdue "
        "({overdue} overdue). Please handle them and answer the members promptly.",
    ),
}
