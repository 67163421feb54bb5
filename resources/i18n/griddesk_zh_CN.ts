<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPanel</name>
    <message>
        <source>Filter by name, role or unit</source>
        <translation>按姓名、角色或单位筛选</translation>
    </message>
    <message>
        <source>New account...</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password...</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Tariffs</source>
        <translation>电价</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>费控策略</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>停电日历</translation>
    </message>
    <message>
        <source>Sessions and passwords</source>
        <translation>会话与密码</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Saved: {name} ({user}) — {state}.</source>
        <translation>已保存：{name}（{user}）— {state}。</translation>
    </message>
</context>
<context>
    <name>Arrears</name>
    <message>
        <source>Customer no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>供电单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>用电类别</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Arrears (yuan)</source>
        <translation>欠费（元）</translation>
    </message>
    <message>
        <source>Late fees (yuan)</source>
        <translation>违约金（元）</translation>
    </message>
    <message>
        <source>Total (yuan)</source>
        <translation>合计（元）</translation>
    </message>
    <message>
        <source>Oldest due</source>
        <translation>最早到期日</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Control state</source>
        <translation>费控状态</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>催费通知</translation>
    </message>
    <message>
        <source>Low balance alert</source>
        <translation>余额预警</translation>
    </message>
    <message>
        <source>Disconnect notice</source>
        <translation>停电通知书</translation>
    </message>
    <message>
        <source>Disconnect reminder</source>
        <translation>停电前提醒</translation>
    </message>
    <message>
        <source>Reconnect notice</source>
        <translation>复电通知</translation>
    </message>
    <message>
        <source>Bill issued</source>
        <translation>账单通知</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>缴费成功</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸质送达</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>served</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>保电</translation>
    </message>
    <message>
        <source>{number} {name} (arrears {amount} yuan)</source>
        <translation>{number} {name}（欠费 {amount} 元）</translation>
    </message>
    <message>
        <source>{why} (possible from {when})</source>
        <translation>{why}（{when} 起可行）</translation>
    </message>
    <message>
        <source>No disconnection request was recorded.</source>
        <translation>未登记任何停电申请。</translation>
    </message>
</context>
<context>
    <name>ArrearsFilterBar</name>
    <message>
        <source>0–30 days overdue</source>
        <translation>逾期 0–30 天</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>逾期 31–60 天</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>逾期 61–90 天</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>逾期 90 天以上</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Min. yuan</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>ArrearsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>The list also refreshes by itself when payments land at any counter.</source>
        <translation>任一柜台收费后，列表也会自动刷新。</translation>
    </message>
    <message>
        <source>Bill run...</source>
        <translation>电费发行...</translation>
    </message>
    <message>
        <source>Run cost control</source>
        <translation>执行智能费控</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>发送催费通知</translation>
    </message>
    <message>
        <source>Serve disconnect notices</source>
        <translation>送达停电通知书</translation>
    </message>
    <message>
        <source>Request disconnection</source>
        <translation>申请停电</translation>
    </message>
    <message>
        <source>Loading all customers in arrears…</source>
        <translation>正在读取全部欠费客户…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) · arrears {arrears} · late fees {fees} · total {total} yuan</source>
        <translation>
            <numerusform>共 %n 户 · 欠费 {arrears} · 违约金 {fees} · 合计 {total} 元</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost control: {accounts} accounts looked at; {notices} notices, {alarms} alarms and {requests} disconnect requests written.</source>
        <translation>智能费控已执行：检查 {accounts} 户；生成通知 {notices} 条、告警 {alarms} 条、停电申请 {requests} 条。</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费管理</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) recorded for sending.</source>
        <translation>
            <numerusform>已登记 %n 份催费通知，等待发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disconnect notice(s) recorded for serving.</source>
        <translation>
            <numerusform>已登记 %n 份停电通知书，等待送达。</numerusform>
        </translation>
    </message>
    <message>
        <source>Shows the reminders, notices, alarms and disconnect requests the policies call for now in your units, and writes them once you confirm (it also runs on its own schedule).</source>
        <translation>先列出策略此刻要求对本单位发出的催费、通知、告警和停电申请，确认后才写入（系统也会按计划自动执行）。</translation>
    </message>
    <message>
        <source>Send an arrears reminder to {who}?</source>
        <translation>向 {who} 发送催费通知？</translation>
    </message>
    <message>
        <source>Serve a disconnect notice on {who}? Protected customers are left out.</source>
        <translation>向 {who} 送达停电通知书？保电客户不在其列。</translation>
    </message>
    <message>
        <source>already done today or under way</source>
        <translation>今日已办理或正在办理</translation>
    </message>
    <message>
        <source>protected</source>
        <translation>保电客户</translation>
    </message>
    <message>
        <source>no meter in service</source>
        <translation>无在用电表</translation>
    </message>
    <message>
        <source>already under way</source>
        <translation>正在办理中</translation>
    </message>
    <message>
        <source>owe nothing now or closed</source>
        <translation>已无欠费或已销户</translation>
    </message>
    <message>
        <source>not in your units</source>
        <translation>不属于您的单位</translation>
    </message>
    <message>
        <source>{count} left out: {why}</source>
        <translation>{count} 户未办理：{why}</translation>
    </message>
</context>
<context>
    <name>ArrearsPlurals</name>
    <message numerus="yes">
        <source>%n customer(s): {names}</source>
        <translation>
            <numerusform>%n 户：{names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>等，另有 %n 户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disconnection request(s) recorded; a second supervisor can approve from {when}.</source>
        <translation>
            <numerusform>已登记 %n 条停电申请；另一位班长可于 {when} 起批准。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 30-minute reminder(s) sent.</source>
        <translation>
            <numerusform>已发送 %n 条停电前30分钟提醒。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already waiting for approval.</source>
        <translation>
            <numerusform>%n 户已在等待审批。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not requested: {why}.</source>
        <translation>
            <numerusform>%n 户未申请：{why}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign work order</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Who takes order {order}?</source>
        <translation>工单 {order} 派给谁？</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Nobody in the order&apos;s unit can take it: add staff to the unit first.</source>
        <translation>工单所属单位没有可派工的人员：请先为该单位添加人员。</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Unlocked after the idle lock</source>
        <translation>空闲锁定后解锁</translation>
    </message>
    <message>
        <source>Password and session rules changed</source>
        <translation>修改密码与会话规则</translation>
    </message>
    <message>
        <source>Sign-in refused: account disabled</source>
        <translation>拒绝登录：账号已停用</translation>
    </message>
    <message>
        <source>Sign-in refused: account locked</source>
        <translation>拒绝登录：账号已锁定</translation>
    </message>
    <message>
        <source>Signed in at the command line</source>
        <translation>在命令行登录</translation>
    </message>
    <message>
        <source>Service account created</source>
        <translation>新建服务账号</translation>
    </message>
    <message>
        <source>Service token issued</source>
        <translation>签发服务令牌</translation>
    </message>
    <message>
        <source>Service token revoked</source>
        <translation>吊销服务令牌</translation>
    </message>
    <message>
        <source>Service signed in with its token</source>
        <translation>服务凭令牌登录</translation>
    </message>
    <message>
        <source>Service token refused</source>
        <translation>服务令牌被拒绝</translation>
    </message>
    <message>
        <source>Staff account created</source>
        <translation>新建员工账号</translation>
    </message>
    <message>
        <source>Staff account enabled</source>
        <translation>启用员工账号</translation>
    </message>
    <message>
        <source>Staff account disabled</source>
        <translation>停用员工账号</translation>
    </message>
    <message>
        <source>Staff account locked</source>
        <translation>锁定员工账号</translation>
    </message>
    <message>
        <source>Staff account unlocked</source>
        <translation>解锁员工账号</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Site signing key created</source>
        <translation>生成本站签名密钥</translation>
    </message>
    <message>
        <source>Site signing key retired</source>
        <translation>停用本站签名密钥</translation>
    </message>
    <message>
        <source>Site signing key revoked</source>
        <translation>吊销本站签名密钥</translation>
    </message>
    <message>
        <source>Site signing key encrypted at rest</source>
        <translation>加密保存本站签名密钥</translation>
    </message>
    <message>
        <source>Account closed</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>Full phone and ID shown</source>
        <translation>查看完整电话和证件号</translation>
    </message>
    <message>
        <source>Customer record opened</source>
        <translation>查阅客户档案</translation>
    </message>
    <message>
        <source>Document about the customer printed</source>
        <translation>打印客户单据</translation>
    </message>
    <message>
        <source>Customer data exported to a file</source>
        <translation>导出客户数据</translation>
    </message>
    <message>
        <source>Supply state changed</source>
        <translation>供电状态变更</translation>
    </message>
    <message>
        <source>Payment posted</source>
        <translation>缴费入账</translation>
    </message>
    <message>
        <source>Payment reversed</source>
        <translation>缴费冲正</translation>
    </message>
    <message>
        <source>Receipt printed</source>
        <translation>打印缴费凭证</translation>
    </message>
    <message>
        <source>Receipt reprinted</source>
        <translation>补打缴费凭证</translation>
    </message>
    <message>
        <source>Cash drawer opened without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>Phone payment held for review</source>
        <translation>手机缴费待主管核实</translation>
    </message>
    <message>
        <source>Bank collection file imported</source>
        <translation>导入银行代收文件</translation>
    </message>
    <message>
        <source>Scan-to-pay order opened</source>
        <translation>开立扫码支付订单</translation>
    </message>
    <message>
        <source>Scan-to-pay order cancelled</source>
        <translation>取消扫码支付订单</translation>
    </message>
    <message>
        <source>Scan-to-pay order timed out</source>
        <translation>扫码支付订单超时</translation>
    </message>
    <message>
        <source>Held phone payment posted</source>
        <translation>手机缴费待处理款已入账</translation>
    </message>
    <message>
        <source>Held phone payment marked for refund</source>
        <translation>手机缴费待处理款标记退款</translation>
    </message>
    <message>
        <source>Held phone payment resolved</source>
        <translation>手机缴费待处理款已处理</translation>
    </message>
    <message>
        <source>Cash drawer counted</source>
        <translation>现金盲点</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Account adjusted</source>
        <translation>账务调整</translation>
    </message>
    <message>
        <source>Bills run</source>
        <translation>电费发行</translation>
    </message>
    <message>
        <source>Tariff created</source>
        <translation>新建电价</translation>
    </message>
    <message>
        <source>Tariff changed</source>
        <translation>调整电价</translation>
    </message>
    <message>
        <source>Cost-control policy changed</source>
        <translation>修改费控策略</translation>
    </message>
    <message>
        <source>No-disconnection day declared</source>
        <translation>设置禁止停电日</translation>
    </message>
    <message>
        <source>No-disconnection day removed</source>
        <translation>取消禁止停电日</translation>
    </message>
    <message>
        <source>Cost control run</source>
        <translation>费控计算</translation>
    </message>
    <message>
        <source>Prepaid balance drawn down</source>
        <translation>预付费余额扣减</translation>
    </message>
    <message>
        <source>Reminders sent from the arrears list</source>
        <translation>欠费清单发送催费通知</translation>
    </message>
    <message>
        <source>Disconnect notices served from the arrears list</source>
        <translation>欠费清单送达停电通知</translation>
    </message>
    <message>
        <source>Disconnections requested from the arrears list</source>
        <translation>欠费清单申请停电</translation>
    </message>
    <message>
        <source>Disconnection requested</source>
        <translation>申请停电</translation>
    </message>
    <message>
        <source>Payment reminders issued</source>
        <translation>开具催费通知单</translation>
    </message>
    <message>
        <source>Disconnect notices issued</source>
        <translation>开具停电通知书</translation>
    </message>
    <message>
        <source>Reconnect notices issued</source>
        <translation>开具复电通知书</translation>
    </message>
    <message>
        <source>Reminder before disconnection</source>
        <translation>停电前提醒</translation>
    </message>
    <message>
        <source>Consent to messages recorded</source>
        <translation>登记消息订阅</translation>
    </message>
    <message>
        <source>Consent to messages withdrawn</source>
        <translation>取消消息订阅</translation>
    </message>
    <message>
        <source>Notice delivered</source>
        <translation>通知已送达</translation>
    </message>
    <message>
        <source>Notice could not be delivered</source>
        <translation>通知发送失败</translation>
    </message>
    <message>
        <source>Reminder requested</source>
        <translation>申请催费通知</translation>
    </message>
    <message>
        <source>Low balance alert requested</source>
        <translation>申请余额预警</translation>
    </message>
    <message>
        <source>Disconnect notice requested</source>
        <translation>申请停电通知</translation>
    </message>
    <message>
        <source>Disconnect reminder requested</source>
        <translation>申请停电前提醒</translation>
    </message>
    <message>
        <source>Reconnect notice requested</source>
        <translation>申请复电通知</translation>
    </message>
    <message>
        <source>Bill message requested</source>
        <translation>已请求账单消息</translation>
    </message>
    <message>
        <source>Payment message requested</source>
        <translation>已请求缴费消息</translation>
    </message>
    <message>
        <source>Command requested</source>
        <translation>申请停复电指令</translation>
    </message>
    <message>
        <source>Command approved</source>
        <translation>批准停复电指令</translation>
    </message>
    <message>
        <source>Command rejected</source>
        <translation>驳回停复电指令</translation>
    </message>
    <message>
        <source>Command queued</source>
        <translation>指令排队待发</translation>
    </message>
    <message>
        <source>Command sent to the meter</source>
        <translation>指令已下发电表</translation>
    </message>
    <message>
        <source>Meter confirmed the command</source>
        <translation>电表确认执行</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>指令执行失败</translation>
    </message>
    <message>
        <source>Command cancelled</source>
        <translation>撤销停复电指令</translation>
    </message>
    <message>
        <source>Command expired</source>
        <translation>指令已过期</translation>
    </message>
    <message>
        <source>Command taken back after a restart</source>
        <translation>重启后收回指令</translation>
    </message>
    <message>
        <source>Meter relay switched</source>
        <translation>电表继电器动作</translation>
    </message>
    <message>
        <source>Meter replaced</source>
        <translation>换表</translation>
    </message>
    <message>
        <source>Meter stopped answering</source>
        <translation>电表失联</translation>
    </message>
    <message>
        <source>Meter answers again</source>
        <translation>电表恢复通信</translation>
    </message>
    <message>
        <source>Seal batch created</source>
        <translation>新建封印批次</translation>
    </message>
    <message>
        <source>Seal labels reprinted</source>
        <translation>补打封印标签</translation>
    </message>
    <message>
        <source>Seal scanned</source>
        <translation>扫描封印</translation>
    </message>
    <message>
        <source>Seal inspected</source>
        <translation>检查封印</translation>
    </message>
    <message>
        <source>Seals checked on site</source>
        <translation>现场封印核查</translation>
    </message>
    <message>
        <source>Seal inventory counted</source>
        <translation>封印盘点</translation>
    </message>
    <message>
        <source>Seals issued to a unit</source>
        <translation>封印领用到单位</translation>
    </message>
    <message>
        <source>Seals issued to an installer</source>
        <translation>封印领用到装表人员</translation>
    </message>
    <message>
        <source>Seals returned to stock</source>
        <translation>封印退库</translation>
    </message>
    <message>
        <source>Seal installed</source>
        <translation>安装封印</translation>
    </message>
    <message>
        <source>Seal removed</source>
        <translation>拆除封印</translation>
    </message>
    <message>
        <source>Seal scrapped</source>
        <translation>封印报废</translation>
    </message>
    <message>
        <source>Seal reported lost</source>
        <translation>封印报失</translation>
    </message>
    <message>
        <source>Seal reported damaged</source>
        <translation>封印报损</translation>
    </message>
    <message>
        <source>Work order opened</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Work order assigned</source>
        <translation>派发工单</translation>
    </message>
    <message>
        <source>Work order started</source>
        <translation>开始处理工单</translation>
    </message>
    <message>
        <source>Work order completed</source>
        <translation>工单办结</translation>
    </message>
    <message>
        <source>Work order cancelled</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>Work order time limits changed</source>
        <translation>修改工单时限</translation>
    </message>
    <message>
        <source>Satisfaction recorded</source>
        <translation>记录满意度</translation>
    </message>
    <message>
        <source>Inspection route exported</source>
        <translation>导出检查路线</translation>
    </message>
    <message>
        <source>Inspection results imported</source>
        <translation>导入检查结果</translation>
    </message>
    <message>
        <source>Inspection conflict settled</source>
        <translation>处理检查冲突</translation>
    </message>
    <message>
        <source>Field device enrolled</source>
        <translation>登记现场终端</translation>
    </message>
    <message>
        <source>Report printed</source>
        <translation>打印报表</translation>
    </message>
    <message>
        <source>Demo data loaded</source>
        <translation>载入演示数据</translation>
    </message>
</context>
<context>
    <name>BatchesPanel</name>
    <message>
        <source>New batch...</source>
        <translation>新建批次...</translation>
    </message>
    <message>
        <source>Issue to unit...</source>
        <translation>发放至单位...</translation>
    </message>
    <message>
        <source>Issue to installer...</source>
        <translation>领用至个人...</translation>
    </message>
    <message>
        <source>Return to stock...</source>
        <translation>退库...</translation>
    </message>
    <message>
        <source>Labels...</source>
        <translation>标签...</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Scrap...</source>
        <translation>报废...</translation>
    </message>
    <message>
        <source>Record as lost...</source>
        <translation>登记遗失...</translation>
    </message>
    <message>
        <source>Record as damaged...</source>
        <translation>登记损坏...</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>Filter by batch, unit, type…</source>
        <translation>按批次、单位、类型筛选…</translation>
    </message>
    <message>
        <source>{batches} batches, {seals} seals, {stock} in stock</source>
        <translation>共 {batches} 个批次，{seals} 枚封印，在库 {stock} 枚</translation>
    </message>
    <message>
        <source>Batch {batch} by unit</source>
        <translation>批次 {batch} 分单位</translation>
    </message>
    <message>
        <source>Select a batch to see where its seals are, unit by unit.</source>
        <translation>选择一个批次，按单位查看其封印去向。</translation>
    </message>
    <message>
        <source>Batch {batch} created: {n} seals, {first} to {last}.</source>
        <translation>已创建批次 {batch}：{n} 枚封印，{first} 至 {last}。</translation>
    </message>
    <message>
        <source>Seals moved: {n}.</source>
        <translation>已办理 {n} 枚封印。</translation>
    </message>
</context>
<context>
    <name>BillRunDialog</name>
    <message>
        <source>Bill run</source>
        <translation>电费发行</translation>
    </message>
    <message>
        <source>Bills every active account of the month that has no bill for it yet. Accounts without a reading are estimated; readings lower than the previous one are held for review. Running a month again bills nothing twice.</source>
        <translation>为当月尚未出账的所有在用户出具电费账单。缺抄表示数的按估算出账；示数小于上次的暂挂待核。同一月份重复发行不会重复出账。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>电费年月</translation>
    </message>
    <message>
        <source>Run bills</source>
        <translation>开始发行</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>取消发行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Finding the accounts to bill...</source>
        <translation>正在查找待出账的用户...</translation>
    </message>
    <message>
        <source>{done} of {total} accounts</source>
        <translation>已处理 {done} / {total} 户</translation>
    </message>
    <message>
        <source>Stopping after the current batch...</source>
        <translation>当前批次完成后停止...</translation>
    </message>
    <message>
        <source>Cancelled: {period} was billed in part.</source>
        <translation>已取消：{period} 仅部分出账。</translation>
    </message>
    <message>
        <source>{period} is billed.</source>
        <translation>{period} 已完成发行。</translation>
    </message>
    <message>
        <source>{head}&lt;br&gt;Bills written: &lt;b&gt;{billed}&lt;/b&gt; (estimated: {estimated}) · held for review: {held} · skipped: {skipped}&lt;br&gt;Amount billed: &lt;b&gt;{amount} yuan&lt;/b&gt; · {seconds} s</source>
        <translation>{head}&lt;br&gt;出账 &lt;b&gt;{billed}&lt;/b&gt; 笔（其中估算 {estimated} 笔）· 暂挂待核 {held} 笔 · 跳过 {skipped} 户&lt;br&gt;发行电费 &lt;b&gt;{amount} 元&lt;/b&gt; · 用时 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>BucketStrip</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 户</numerusform>
        </translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>读取中…</translation>
    </message>
</context>
<context>
    <name>CalendarButton</name>
    <message>
        <source>Calendar...</source>
        <translation>停电日历...</translation>
    </message>
    <message>
        <source>Holidays and blackout days: no disconnections on them</source>
        <translation>节假日和禁止停电日：这些日子不执行停电</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Days without disconnections</source>
        <translation>不停电日</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. heat wave, exam week</source>
        <translation>例如：高温天气、高考期间</translation>
    </message>
    <message>
        <source>Declare</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Lift the selected block (Delete)</source>
        <translation>撤销所选日期（Delete）</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Worked weekend day</source>
        <translation>调休工作日</translation>
    </message>
    <message>
        <source>Blackout</source>
        <translation>禁止停电</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Declared: {kind} from {start} to {end}.</source>
        <translation>已登记：{kind}，{start} 至 {end}。</translation>
    </message>
    <message>
        <source>Removed: {kind} from {start} to {end}.</source>
        <translation>已撤销：{kind}，{start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>CashUpDialog</name>
    <message>
        <source>Close a clerk&apos;s day</source>
        <translation>收费员日结</translation>
    </message>
    <message>
        <source>Pick the clerk and the day. Their blind count is filled in; correct it if you counted again together. Closing compares it with the day&apos;s payments and records the differences. A closed day&apos;s payments can no longer change.</source>
        <translation>选择收费员和日期，系统会填入其盲点金额；如双方重新清点，可在此更正。日结时系统将其与当日收费核对并记录差额。日结后当日收费不可再更改。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Count my cash drawer</source>
        <translation>清点我的钱箱</translation>
    </message>
    <message>
        <source>Count what is in your drawer and terminals for each payment method and enter the totals. You will not see what the system expects: your supervisor compares the figures when closing your day.</source>
        <translation>请按收费方式清点钱箱和终端中的金额并录入合计。系统应收金额不对您显示，由主管在日结时核对。</translation>
    </message>
    <message>
        <source>Record my count</source>
        <translation>提交清点结果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>{method} (yuan)</source>
        <translation>{method}（元）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收费方式</translation>
    </message>
    <message>
        <source>Expected (yuan)</source>
        <translation>应收（元）</translation>
    </message>
    <message>
        <source>Counted (yuan)</source>
        <translation>实点（元）</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Your count of {total} yuan was recorded at {time}. Your supervisor closes the day; you may count again until then.</source>
        <translation>您清点的 {total} 元已于 {time} 登记。日结前可重新清点，日结由主管办理。</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已日结</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>已清点</translation>
    </message>
    <message>
        <source>not counted yet</source>
        <translation>尚未清点</translation>
    </message>
    <message numerus="yes">
        <source>{name} — %n payment(s), {state}</source>
        <translation>
            <numerusform>{name} — %n 笔收费，{state}</numerusform>
        </translation>
    </message>
    <message>
        <source>This clerk has not recorded a count for the day: count together and type it in.</source>
        <translation>该收费员当日尚未登记清点结果：请当面清点后录入。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>The drawer agrees with the payments.</source>
        <translation>钱箱与收费记录相符。</translation>
    </message>
    <message>
        <source>Short by {amount} yuan.</source>
        <translation>短款 {amount} 元。</translation>
    </message>
    <message>
        <source>Over by {amount} yuan.</source>
        <translation>长款 {amount} 元。</translation>
    </message>
    <message numerus="yes">
        <source>{name}&apos;s day {day} is closed by {boss} at {time}: %n payment(s). {verdict}</source>
        <translation>
            <numerusform>{name} {day} 的收费已由 {boss} 于 {time} 日结，共 %n 笔。{verdict}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Please choose a new password.</source>
        <translation>请设置新密码。</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Please choose your own password before you continue.</source>
        <translation>您的密码由管理员设置。请先设置您自己的密码再继续。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>确认新密码：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>at least {count} characters</source>
        <translation>至少 {count} 个字符</translation>
    </message>
    <message>
        <source>letters and digits</source>
        <translation>同时包含字母和数字</translation>
    </message>
    <message>
        <source>not containing your user name</source>
        <translation>不包含您的用户名</translation>
    </message>
    <message>
        <source>not one of your last {count} passwords</source>
        <translation>不能是最近 {count} 次用过的密码</translation>
    </message>
    <message>
        <source>The password needs:</source>
        <translation>密码要求：</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ClosureDialog</name>
    <message>
        <source>Close account</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>Order {order}: the final reading gives the final bill; late fees run to today. The customer pays the remainder or gets the credit back; then the meter and its seals are removed and the account is closed.</source>
        <translation>工单 {order}：按最终示数出末次电费，违约金计至今日。客户结清余款或退还预存余额，然后拆除电能表和封印，销户。</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Final reading (kWh)</source>
        <translation>最终示数（kWh）</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Paid or refunded by</source>
        <translation>缴费或退款方式</translation>
    </message>
    <message>
        <source>Calculate the final bill</source>
        <translation>计算末次电费</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the final reading and calculate.</source>
        <translation>请输入最终示数并计算。</translation>
    </message>
    <message>
        <source>Customer pays {amount} yuan</source>
        <translation>客户应缴 {amount} 元</translation>
    </message>
    <message>
        <source>Refund {amount} yuan</source>
        <translation>退款 {amount} 元</translation>
    </message>
    <message>
        <source>Final bill: {kwh} kWh, {amount} yuan</source>
        <translation>末次电费：{kwh} kWh，{amount} 元</translation>
    </message>
    <message>
        <source>Unpaid bills: {principal} yuan</source>
        <translation>未缴电费：{principal} 元</translation>
    </message>
    <message>
        <source>Late fees to today: {fees} yuan</source>
        <translation>违约金（计至今日）：{fees} 元</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Inspection conflicts</source>
        <translation>稽查结果冲突</translation>
    </message>
    <message>
        <source>Mark dealt with</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Message subscriptions</source>
        <translation>消息订阅</translation>
    </message>
    <message>
        <source>With the customer&apos;s consent, bills, payments, reminders, disconnect notices and power restored are also sent to their WeChat, Alipay or phone. Paper notices the law requires are sent as before.</source>
        <translation>经客户同意，账单、缴费、催费、停电通知和恢复供电也发到客户的微信、支付宝或手机。法定的纸质通知照常送达。</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>渠道(&amp;C)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>接收账号(&amp;R)</translation>
    </message>
    <message>
        <source>openid, or the 11-digit mobile number</source>
        <translation>openid，或 11 位手机号</translation>
    </message>
    <message>
        <source>The customer &amp;agrees to receive these messages</source>
        <translation>客户同意接收这些消息(&amp;A)</translation>
    </message>
    <message>
        <source>Record &amp;consent</source>
        <translation>登记订阅(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent</source>
        <translation>取消订阅(&amp;W)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No consent on this channel.</source>
        <translation>此渠道未订阅。</translation>
    </message>
    <message>
        <source>Consent since {time} ({who}), recipient {address}.</source>
        <translation>自 {time} 起已订阅（{who} 登记），接收账号 {address}。</translation>
    </message>
    <message>
        <source>Consent withdrawn {time}.</source>
        <translation>已于 {time} 取消订阅。</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接中断</translation>
    </message>
</context>
<context>
    <name>ConsumptionChart</name>
    <message>
        <source>Live power</source>
        <translation>实时功率</translation>
    </message>
    <message>
        <source>Daily energy</source>
        <translation>日用电量</translation>
    </message>
    <message>
        <source>Month by month</source>
        <translation>逐月对比</translation>
    </message>
    <message>
        <source>Time of use</source>
        <translation>分时电量</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Show all data again after zooming or panning</source>
        <translation>缩放或平移后恢复显示全部数据</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>用电分析</translation>
    </message>
    <message>
        <source>no meter</source>
        <translation>无电能表</translation>
    </message>
    <message>
        <source>{number} {name} · meter {meter}</source>
        <translation>{number} {name} · 电能表 {meter}</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>应答超时</translation>
    </message>
    <message>
        <source>garbled answers</source>
        <translation>报文错误</translation>
    </message>
    <message>
        <source>another meter answers at its address</source>
        <translation>该地址由其他表计应答</translation>
    </message>
    <message>
        <source>serial server not reachable</source>
        <translation>串口服务器无法连接</translation>
    </message>
    <message>
        <source>the meter refused</source>
        <translation>表计拒绝操作</translation>
    </message>
    <message>
        <source>wrong meter password</source>
        <translation>表计密码错误</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <source>No meter</source>
        <translation>无电能表</translation>
    </message>
    <message>
        <source>No meter is in service for this customer.</source>
        <translation>该客户名下没有在运电能表。</translation>
    </message>
    <message>
        <source>Meter not responding</source>
        <translation>电能表无响应</translation>
    </message>
    <message>
        <source>Meter not responding: it has not been read yet.</source>
        <translation>电能表无响应：尚未采集到任何读数。</translation>
    </message>
    <message>
        <source>Meter not responding since {time}. The curve ends at the last reading; this is not zero consumption.</source>
        <translation>电能表自 {time} 起无响应。曲线止于最后一次读数，并非用电量为零。</translation>
    </message>
    <message>
        <source>Relay open since {time}</source>
        <translation>自 {time} 起已拉闸</translation>
    </message>
    <message>
        <source>Relay open</source>
        <translation>已拉闸</translation>
    </message>
    <message>
        <source>Online · last reading {time}</source>
        <translation>在线 · 最近读数 {time}</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Why is this customer&apos;s consumption exported? The purpose is recorded with your name in the audit trail.</source>
        <translation>为什么要导出该客户的用电数据？用途将与您的姓名一起记入审计日志。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>ConsumptionPlots</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
</context>
<context>
    <name>ControlConfirmDialog</name>
    <message>
        <source>Switch command for a customer</source>
        <translation>客户费控指令</translation>
    </message>
    <message>
        <source>Customer &amp;no.</source>
        <translation>户号(&amp;N)</translation>
    </message>
    <message>
        <source>Type or scan the customer number, Enter</source>
        <translation>输入或扫描户号，按回车</translation>
    </message>
    <message>
        <source>Check the customer</source>
        <translation>核对客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>保障用户</translation>
    </message>
    <message>
        <source>Owed in total (yuan)</source>
        <translation>未缴合计（元）</translation>
    </message>
    <message>
        <source>Of which</source>
        <translation>其中</translation>
    </message>
    <message>
        <source>Control state</source>
        <translation>费控状态</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Open commands</source>
        <translation>未完成指令</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Meter</source>
        <translation>电能表(&amp;M)</translation>
    </message>
    <message>
        <source>I have checked the name, number and address with the customer&apos;s papers</source>
        <translation>我已根据客户证件核对户名、户号和地址</translation>
    </message>
    <message>
        <source>Send the 30-minute reminder before the cut now, with the request</source>
        <translation>随申请立即发送停电前30分钟提醒</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No single customer has the number {number}.</source>
        <translation>没有唯一对应户号 {number} 的客户。</translation>
    </message>
    <message>
        <source>Yes — {reason}</source>
        <translation>是 — {reason}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>arrears (overdue) {amount}</source>
        <translation>欠费（已逾期）{amount}</translation>
    </message>
    <message>
        <source>not yet due {amount}</source>
        <translation>未到期 {amount}</translation>
    </message>
    <message>
        <source>late fees {amount}</source>
        <translation>违约金 {amount}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>, under power guarantee</source>
        <translation>，保电中</translation>
    </message>
    <message>
        <source>{asset}: {relay}{guarantee}</source>
        <translation>{asset}：{relay}{guarantee}</translation>
    </message>
    <message>
        <source>status last read {seen}</source>
        <translation>最近读取状态：{seen}</translation>
    </message>
    <message>
        <source>Request approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Send to the meter</source>
        <translation>下发到电能表</translation>
    </message>
    <message>
        <source>This cuts the customer&apos;s power. A second supervisor approves before the meter is switched; the policy rules are checked again just before the trip.</source>
        <translation>此操作将切断客户供电。须由另一位主管审批后才会下发；跳闸前将再次校验费控规则。</translation>
    </message>
    <message>
        <source>Protected customer: a disconnection will be refused.</source>
        <translation>保障用户：停电将被拒绝。</translation>
    </message>
    <message>
        <source>, no relay (cannot be switched remotely)</source>
        <translation>，无继电器（不能远程控制）</translation>
    </message>
</context>
<context>
    <name>ControlDetail</name>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>Open commands</source>
        <translation>未完成指令</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败指令</translation>
    </message>
    <message>
        <source>All commands</source>
        <translation>全部指令</translation>
    </message>
    <message>
        <source>All my units</source>
        <translation>我的全部单位</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>The queue also refreshes itself every two seconds (Ctrl+R).</source>
        <translation>队列每两秒自动刷新（Ctrl+R 立即刷新）。</translation>
    </message>
    <message>
        <source>New command...</source>
        <translation>新建指令...</translation>
    </message>
    <message>
        <source>Disconnect, reconnect or power guarantee for a customer, after a confirmation (Ctrl+N)</source>
        <translation>为客户停电、复电或保电，需确认（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;ject...</source>
        <translation>驳回(&amp;J)...</translation>
    </message>
    <message>
        <source>&amp;Cancel command...</source>
        <translation>撤销指令(&amp;C)...</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;ommand for this customer...</source>
        <translation>为该客户下指令(&amp;O)...</translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) · {waiting} awaiting approval · {failures} failed</source>
        <translation>
            <numerusform>共 %n 条指令 · {waiting} 条待审批 · {failures} 条失败</numerusform>
        </translation>
    </message>
    <message>
        <source>{action} of {customer} ({number})</source>
        <translation>{customer}（{number}）的{action}</translation>
    </message>
    <message>
        <source>Reject the request</source>
        <translation>驳回申请</translation>
    </message>
    <message>
        <source>Reject: {subject}. The requester reads your reason.</source>
        <translation>驳回：{subject}。申请人将看到您填写的原因。</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Cancel the command</source>
        <translation>撤销指令</translation>
    </message>
    <message>
        <source>Cancel: {subject}. It has not reached the meter yet.</source>
        <translation>撤销：{subject}。该指令尚未下发到电能表。</translation>
    </message>
    <message>
        <source>Cancel command</source>
        <translation>撤销指令</translation>
    </message>
    <message>
        <source>Command {id} ({action}): {state}.</source>
        <translation>指令 {id}（{action}）：{state}。</translation>
    </message>
    <message>
        <source>Customer no., name or meter</source>
        <translation>户号、户名或电能表</translation>
    </message>
</context>
<context>
    <name>ControlQueue</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Result / meter&apos;s reason</source>
        <translation>结果 / 电能表原因</translation>
    </message>
    <message>
        <source>Cannot be approved: {why}</source>
        <translation>不能批准：{why}</translation>
    </message>
    <message>
        <source>Approvable from {when}: {why}</source>
        <translation>可批准时间 {when}：{why}</translation>
    </message>
    <message>
        <source>Rejected: {why}</source>
        <translation>已驳回：{why}</translation>
    </message>
    <message>
        <source>Confirmed by the meter at {when}</source>
        <translation>电能表已于 {when} 确认</translation>
    </message>
    <message>
        <source>Retrying: {why}</source>
        <translation>重试中：{why}</translation>
    </message>
    <message>
        <source>Cost control</source>
        <translation>智能费控</translation>
    </message>
    <message>
        <source>Ended — leaves this view after a few minutes</source>
        <translation>已结束 — 几分钟后移出此视图</translation>
    </message>
    <message>
        <source>Command {id}: {action}, {state}</source>
        <translation>指令 {id}：{action}，{state}</translation>
    </message>
    <message>
        <source>Requested {when} by {who}</source>
        <translation>{who} 于 {when} 申请</translation>
    </message>
    <message>
        <source>Approved by {who}</source>
        <translation>{who} 批准</translation>
    </message>
    <message>
        <source>Expired at {when}: it can no longer be approved</source>
        <translation>已于 {when} 过期，不能再审批</translation>
    </message>
    <message>
        <source>Retry of command {id}</source>
        <translation>重试指令 {id}</translation>
    </message>
</context>
<context>
    <name>CostControl</name>
    <message>
        <source>Balance alert notices</source>
        <translation>余额预警通知</translation>
    </message>
    <message>
        <source>Arrears reminders</source>
        <translation>催费通知</translation>
    </message>
    <message>
        <source>Disconnect notices</source>
        <translation>停电通知书</translation>
    </message>
    <message>
        <source>30-minute reminders before a cut</source>
        <translation>停电前30分钟提醒</translation>
    </message>
    <message>
        <source>Pre-trip alarms to meters</source>
        <translation>电能表跳闸前告警</translation>
    </message>
    <message>
        <source>Disconnect requests (for approval)</source>
        <translation>停电申请（待审批）</translation>
    </message>
    <message>
        <source>Disconnect requests approved by the policy</source>
        <translation>停电申请（策略自动批准）</translation>
    </message>
    <message>
        <source>Accounts back to normal</source>
        <translation>恢复正常的账户</translation>
    </message>
</context>
<context>
    <name>CostControlDialog</name>
    <message>
        <source>Run cost control</source>
        <translation>执行智能费控</translation>
    </message>
    <message numerus="yes">
        <source>Cost control would now write %n item(s) in your units (accounts concerned: {accounts}):</source>
        <translation>
            <numerusform>智能费控此刻将为本单位 {accounts} 个账户写入 %n 项：</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost control has nothing to write now for your units.</source>
        <translation>智能费控此刻对本单位无需写入任何内容。</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>供电单位</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message numerus="yes">
        <source>The first %n:</source>
        <translation>
            <numerusform>前 %n 项：</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Prepaid balances are first brought up to the latest meter readings, so a prepaid account may still change. Disconnect requests wait for a second supervisor.</source>
        <translation>执行时先按最新抄表结算预付费余额，预付费账户的结果可能略有变化。停电申请须经另一位班长批准。</translation>
    </message>
    <message>
        <source>Type {count} to run:</source>
        <translation>输入 {count} 以执行：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CounterDevices</name>
    <message>
        <source>Customer display</source>
        <translation>客户显示屏</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
</context>
<context>
    <name>CreateBatchDialog</name>
    <message>
        <source>New seal batch</source>
        <translation>新建封印批次</translation>
    </message>
    <message>
        <source>Seal numbers are 22-digit asset codes and are never made twice: a range that overlaps an existing batch is refused.</source>
        <translation>封印编号为22位资产编码，不得重复生成：与已有批次重叠的号段将被拒绝。</translation>
    </message>
    <message>
        <source>Numbers:</source>
        <translation>编号方式：</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>First number:</source>
        <translation>起始编号：</translation>
    </message>
    <message>
        <source>Last number:</source>
        <translation>截止编号：</translation>
    </message>
    <message>
        <source>Seal type:</source>
        <translation>封印类型：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Manufacturer:</source>
        <translation>生产厂家：</translation>
    </message>
    <message>
        <source>Receiving unit:</source>
        <translation>接收单位：</translation>
    </message>
    <message>
        <source>By quantity (next free numbers)</source>
        <translation>按数量（自动续号）</translation>
    </message>
    <message>
        <source>By number range</source>
        <translation>按号段</translation>
    </message>
    <message>
        <source>e.g. 山东电力设备厂</source>
        <translation>例如：山东电力设备厂</translation>
    </message>
    <message>
        <source>Create batch</source>
        <translation>创建批次</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&quot;{number}&quot; is not a 22-digit seal number with a valid check digit.</source>
        <translation>“{number}”不是校验位正确的22位封印编号。</translation>
    </message>
    <message>
        <source>The last number comes before the first.</source>
        <translation>截止编号小于起始编号。</translation>
    </message>
    <message>
        <source>Please enter the manufacturer.</source>
        <translation>请填写生产厂家。</translation>
    </message>
</context>
<context>
    <name>CreateUserDialog</name>
    <message>
        <source>New staff account</source>
        <translation>新建员工账号</translation>
    </message>
    <message>
        <source>Hand the temporary password to the new colleague; they choose their own password at first login.</source>
        <translation>请将临时密码交给新同事，其首次登录时须设置自己的密码。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>所属单位：</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
    <message>
        <source>New</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please choose a unit.</source>
        <translation>请选择所属单位。</translation>
    </message>
</context>
<context>
    <name>CustomerControlStrip</name>
    <message>
        <source>{action} ({reason}): {state} · for {age}</source>
        <translation>{action}（{reason}）：{state} · 已 {age}</translation>
    </message>
    <message>
        <source>{action} ({reason}): {state} at {when}</source>
        <translation>{action}（{reason}）：{when} {state}</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>客户显示屏</translation>
    </message>
    <message>
        <source>Amount due (incl. late fees)</source>
        <translation>应缴金额（含违约金）</translation>
    </message>
    <message>
        <source>of which late fees</source>
        <translation>其中违约金</translation>
    </message>
    <message>
        <source>Paying now</source>
        <translation>本次缴费</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Power restored</source>
        <translation>已恢复供电</translation>
    </message>
    <message>
        <source>Your electricity supply is back on. Thank you.</source>
        <translation>您的用电已恢复，感谢您的配合。</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>客户：{name}</translation>
    </message>
    <message>
        <source>Welcome to {hall}</source>
        <translation>欢迎光临{hall}</translation>
    </message>
    <message>
        <source>Opening hours: {hours}</source>
        <translation>营业时间：{hours}</translation>
    </message>
    <message>
        <source>Please tell us your customer number, or show your bill or payment notice</source>
        <translation>请告知户号，或出示电费账单、缴费通知单</translation>
    </message>
    <message>
        <source>Pay here in cash, by bank card, WeChat Pay or Alipay</source>
        <translation>本厅支持现金、银行卡、微信、支付宝缴费</translation>
    </message>
    <message>
        <source>Payment received. Thank you!</source>
        <translation>缴费成功，谢谢！</translation>
    </message>
    <message>
        <source>Scan the code with Alipay to pay</source>
        <translation>请用支付宝扫码缴费</translation>
    </message>
    <message>
        <source>Scan the code with WeChat to pay</source>
        <translation>请用微信扫码缴费</translation>
    </message>
    <message>
        <source>Please check the amounts</source>
        <translation>请核对金额</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
</context>
<context>
    <name>CustomerHistory</name>
    <message>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Bill no.</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>电量(千瓦时)</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Paid (yuan)</source>
        <translation>已缴(元)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>缴费截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>缴费方式</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已冲正</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已入账</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>送达时间</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Refused by rule / error</source>
        <translation>拒绝规则/错误</translation>
    </message>
    <message>
        <source>Seal no.</source>
        <translation>封印编号</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>封印位置</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装时间</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Asset no.</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>通信地址</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>相数</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>通断状态</translation>
    </message>
    <message>
        <source>Last reading (kWh)</source>
        <translation>最近示数(千瓦时)</translation>
    </message>
    <message>
        <source>Read at</source>
        <translation>抄读时间</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>封印</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知记录</translation>
    </message>
    <message>
        <source>Disconnect/reconnect commands</source>
        <translation>停复电指令</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>CustomerLookup</name>
    <message>
        <source>Customer no., meter or seal barcode, phone, name, pinyin (zxl) or address — Ctrl+F</source>
        <translation>户号、电能表或封印条码、电话、户名、拼音首字母（如 zxl）或地址 — Ctrl+F</translation>
    </message>
    <message>
        <source>{query} belongs to a customer of another supply unit, outside what you may open. Ask the customer to go to their own service hall, or a colleague of that unit to help.</source>
        <translation>{query} 属于其他供电单位的客户，不在您可查看的范围内。请客户到所属营业厅办理，或请该单位的同事协助。</translation>
    </message>
    <message numerus="yes">
        <source>%n shown of more than 1,000</source>
        <translation>
            <numerusform>显示 %n 条（共 1,000 条以上）</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} shown of {total}</source>
        <translation>显示 {shown} 条，共 {total} 条</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>共 %n 条匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerMessages</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message subscriptions...</source>
        <translation>消息订阅…</translation>
    </message>
    <message>
        <source>Record or withdraw the customer&apos;s consent to messages on WeChat, Alipay or SMS</source>
        <translation>登记或取消客户在微信、支付宝或短信上的消息订阅</translation>
    </message>
    <message>
        <source>Messages go to: {channels}</source>
        <translation>消息发送至：{channels}</translation>
    </message>
    <message>
        <source>The customer has not agreed to messages on any channel.</source>
        <translation>客户未订阅任何渠道的消息。</translation>
    </message>
    <message>
        <source>Consent to messages on {channel} recorded.</source>
        <translation>已登记{channel}消息订阅。</translation>
    </message>
    <message>
        <source>Consent to messages on {channel} withdrawn.</source>
        <translation>已取消{channel}消息订阅。</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <source>Customer no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>用电类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>用电地址</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>供电单位</translation>
    </message>
    <message>
        <source>Meter asset no.</source>
        <translation>电能表资产号</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Customer no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>用电类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>供电单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID no.</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>用电地址</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>电价</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>Late fees to date</source>
        <translation>截至今日违约金</translation>
    </message>
    <message>
        <source>Arrears, overdue (yuan)</source>
        <translation>欠费（已逾期，元）</translation>
    </message>
    <message>
        <source>Owed in total (incl. not yet due)</source>
        <translation>未缴合计（含未到期）</translation>
    </message>
    <message>
        <source>Cost control</source>
        <translation>费控方式</translation>
    </message>
    <message>
        <source>Control state</source>
        <translation>费控状态</translation>
    </message>
    <message>
        <source>Supply</source>
        <translation>供电状态</translation>
    </message>
    <message>
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Shows the whole phone and ID numbers; recorded in the audit trail.</source>
        <translation>显示完整的电话和证件号码；此操作将记入操作日志。</translation>
    </message>
    <message>
        <source>Take payment (F5)</source>
        <translation>收费（F5）</translation>
    </message>
    <message>
        <source>Disconnect / reconnect</source>
        <translation>停电 / 复电</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>打印对账单</translation>
    </message>
    <message>
        <source>New work order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Arrives with a later release of GridDesk.</source>
        <translation>将在 GridDesk 后续版本中提供。</translation>
    </message>
    <message>
        <source>Take a payment from this customer (F5)</source>
        <translation>为该客户收费（F5）</translation>
    </message>
    <message>
        <source>Your role does not take payments.</source>
        <translation>您的角色不能收费。</translation>
    </message>
    <message>
        <source>Disconnect, reconnect or power guarantee for this customer, after a confirmation</source>
        <translation>为该客户停电、复电或保电（需确认）</translation>
    </message>
    <message>
        <source>Open a work order: meter replacement, closure, complaint... (Ctrl+W)</source>
        <translation>新建工单：换表、销户、投诉……（Ctrl+W）</translation>
    </message>
    <message>
        <source>Reverse this payment...</source>
        <translation>冲正此笔收费...</translation>
    </message>
    <message>
        <source>Print the receipt again</source>
        <translation>补打缴费凭证</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>用电情况</translation>
    </message>
    <message>
        <source>Protected: {reason}</source>
        <translation>保电用户：{reason}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>+ {amount} not yet due</source>
        <translation>另有未到期 {amount}</translation>
    </message>
    <message numerus="yes">
        <source>(%n day(s) overdue)</source>
        <translation>
            <numerusform>（已逾期 %n 天）</numerusform>
        </translation>
    </message>
    <message>
        <source>No meter</source>
        <translation>无电能表</translation>
    </message>
    <message>
        <source>Select a payment in the list first.</source>
        <translation>请先在列表中选择一笔缴费。</translation>
    </message>
    <message>
        <source>Cancel this payment with a reason; the bills it paid become unpaid again.</source>
        <translation>填写原因后冲正这笔缴费；它结清的账单将恢复为未缴。</translation>
    </message>
    <message>
        <source>You took this payment yourself: another supervisor of your unit reverses it (separation of duties).</source>
        <translation>这笔缴费是您本人收取的，须由本单位另一位主管冲正（职责分离）。</translation>
    </message>
    <message>
        <source>This payment was taken at another unit: a supervisor there reverses it.</source>
        <translation>这笔缴费由其他单位收取，须由该单位的主管冲正。</translation>
    </message>
    <message>
        <source>This payment has been reversed already.</source>
        <translation>此笔收费已冲正。</translation>
    </message>
    <message>
        <source>This online payment is past its channel&apos;s refund window: only an administrator can reverse it now.</source>
        <translation>这笔线上缴费已超过该渠道的退款期限，现在只有系统管理员可以冲正。</translation>
    </message>
    <message>
        <source>A supervisor of the unit reverses this payment.</source>
        <translation>这笔缴费须由所属单位的主管冲正。</translation>
    </message>
</context>
<context>
    <name>CustomerWorkOrders</name>
    <message>
        <source>Rate this visit...</source>
        <translation>本次服务评价…</translation>
    </message>
    <message>
        <source>Record the customer&apos;s satisfaction with today&apos;s visit (1-5 and a comment)</source>
        <translation>记录客户对本次到厅服务的满意度（1–5 分及意见）</translation>
    </message>
    <message numerus="yes">
        <source>Open work orders: %n</source>
        <translation>
            <numerusform>未完成工单：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 张超期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Satisfaction {stars} {mean:.1f} from %n rating(s)</source>
        <translation>
            <numerusform>满意度 {stars} {mean:.1f}（共 %n 次评价）</numerusform>
        </translation>
    </message>
    <message>
        <source>latest: &quot;{comment}&quot;</source>
        <translation>最近：“{comment}”</translation>
    </message>
    <message>
        <source>Work order {order} opened, due {due}.</source>
        <translation>已建工单 {order}，限办时间 {due}。</translation>
    </message>
    <message>
        <source>today&apos;s visit</source>
        <translation>本次到厅服务</translation>
    </message>
</context>
<context>
    <name>DailyPlots</name>
    <message>
        <source>Daily energy</source>
        <translation>日用电量</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>年累计</translation>
    </message>
    <message>
        <source>No readings in {year}</source>
        <translation>{year} 年没有读数</translation>
    </message>
    <message>
        <source>Tier {seq}</source>
        <translation>第 {seq} 档</translation>
    </message>
    <message>
        <source>Tier {seq} limit {kwh} kWh</source>
        <translation>第 {seq} 档上限 {kwh} kWh</translation>
    </message>
    <message>
        <source>{day}
{kwh} kWh · year to date {total} kWh</source>
        <translation>{day}
{kwh} kWh · 年累计 {total} kWh</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <source>Year to date (kWh)</source>
        <translation>年累计（kWh）</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>数据不全</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>DisconnectRequestDialog</name>
    <message>
        <source>Request disconnection</source>
        <translation>申请停电</translation>
    </message>
    <message>
        <source>Request disconnection of {who}?</source>
        <translation>申请对 {who} 停电？</translation>
    </message>
    <message numerus="yes">
        <source>Request %n disconnection(s)</source>
        <translation>
            <numerusform>申请停电（%n 户）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Serve %n disconnect notice(s)</source>
        <translation>
            <numerusform>送达停电通知书（%n 户）</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>• %n can be requested now; a second supervisor can approve from {when}.</source>
        <translation>
            <numerusform>• %n 户现在即可申请；另一位班长可于 {when} 起批准。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n still lack the 30-minute reminder before the cut: it is sent with the request; approval possible from {when}.</source>
        <translation>
            <numerusform>• %n 户尚未发送停电前30分钟提醒：将随申请一并发送；{when} 起可批准。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n have no disconnect notice served: serve it first; the cut is possible from {when} at the earliest.</source>
        <translation>
            <numerusform>• %n 户尚未送达停电通知书：请先送达；最早 {when} 起可停电。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n already requested, waiting for approval.</source>
        <translation>
            <numerusform>• %n 户已申请，正在等待审批。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n cannot be requested: {why}</source>
        <translation>
            <numerusform>• %n 户不能申请：{why}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Show the customer display on a second screen</source>
        <translation>在第二块屏幕上显示客户显示屏</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <source>Seconds per notice</source>
        <translation>每条公告显示秒数</translation>
    </message>
    <message>
        <source>e.g. Monday to Sunday 8:30–17:30</source>
        <translation>例如：周一至周日 8:30–17:30</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Shows a made-up payment on the display</source>
        <translation>在显示屏上显示一笔示例缴费</translation>
    </message>
    <message>
        <source>No second screen is attached. Preview shows the customer display in a window here.</source>
        <translation>没有接第二块屏幕。“预览”在本屏的窗口中显示客户显示屏。</translation>
    </message>
    <message>
        <source>Customer screen: {name} ({width}×{height})</source>
        <translation>客户屏幕：{name}（{width}×{height}）</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>Residential</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>商业</translation>
    </message>
    <message>
        <source>Industrial</source>
        <translation>工业</translation>
    </message>
    <message>
        <source>Agricultural</source>
        <translation>农业</translation>
    </message>
    <message>
        <source>Public service</source>
        <translation>公共服务</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <source>Power on (relay closed)</source>
        <translation>通电（继电器合闸）</translation>
    </message>
    <message>
        <source>Power off (relay open)</source>
        <translation>断电（继电器拉闸）</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <source>Prepaid (smart cost control)</source>
        <translation>预付费（智能费控）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Low balance alert</source>
        <translation>余额预警</translation>
    </message>
    <message>
        <source>Disconnect notice served</source>
        <translation>已送达停电通知</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已停电</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未缴</translation>
    </message>
    <message>
        <source>Part paid</source>
        <translation>部分缴费</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴清</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>GridDesk — something went wrong</source>
        <translation>GridDesk — 出现错误</translation>
    </message>
    <message>
        <source>Your data is safe; the action did not complete. If it happens again, press “Copy report” and send it to your administrator.</source>
        <translation>您的数据不受影响，本次操作未完成。如再次出现，请点击“复制报告”，将报告发送给系统管理员。</translation>
    </message>
    <message>
        <source>Recent log lines (phone and ID numbers masked):</source>
        <translation>最近的日志（电话号码和身份证号已隐去）：</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>隐藏详细信息</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The password must have at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 位。</translation>
    </message>
    <message>
        <source>The password needs both letters and digits.</source>
        <translation>密码须同时包含字母和数字。</translation>
    </message>
    <message>
        <source>The new password must differ from the old one.</source>
        <translation>新密码不能与原密码相同。</translation>
    </message>
    <message>
        <source>The password must not contain the user name.</source>
        <translation>密码不能包含用户名。</translation>
    </message>
    <message>
        <source>The password must not be one of your last {count} passwords.</source>
        <translation>密码不能与最近 {count} 次用过的密码相同。</translation>
    </message>
    <message>
        <source>Please choose a value from {minimum} to {maximum}.</source>
        <translation>请选择 {minimum} 到 {maximum} 之间的值。</translation>
    </message>
    <message>
        <source>User names use letters and digits only, without spaces.</source>
        <translation>用户名只能由字母和数字组成，不能含空格。</translation>
    </message>
    <message>
        <source>Please enter the full name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>Please choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <source>The user name &quot;{value}&quot; is already taken.</source>
        <translation>用户名“{value}”已被占用。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>Please give a reason (at most 200 characters).</source>
        <translation>请填写原因（不超过 200 字）。</translation>
    </message>
    <message>
        <source>Please pick a billing month.</source>
        <translation>请选择电费年月。</translation>
    </message>
    <message>
        <source>The month {value} is not over yet: it can be billed from the first day of the next month.</source>
        <translation>{value} 尚未结束：次月 1 日起方可发行。</translation>
    </message>
    <message>
        <source>A day in the future cannot be closed.</source>
        <translation>不能对未来的日期日结。</translation>
    </message>
    <message>
        <source>Select between 1 and {maximum} customers.</source>
        <translation>请选择 1 至 {maximum} 户。</translation>
    </message>
    <message>
        <source>Tier limits must be above zero and rise from tier to tier.</source>
        <translation>各档电量上限须大于零，且逐档递增。</translation>
    </message>
    <message>
        <source>Please enter the tariff&apos;s name.</source>
        <translation>请输入电价名称。</translation>
    </message>
    <message>
        <source>The version ends before it starts.</source>
        <translation>该版本的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Please choose WeChat, Alipay or SMS.</source>
        <translation>请选择微信、支付宝或短信。</translation>
    </message>
    <message>
        <source>Please enter the customer&apos;s 11-digit mobile number.</source>
        <translation>请输入客户的 11 位手机号。</translation>
    </message>
    <message>
        <source>Please enter the customer&apos;s user id on the channel (openid: 6 to 64 letters, digits, - or _), as the customer&apos;s phone shows it.</source>
        <translation>请输入客户在该渠道的用户标识（openid：6 至 64 位字母、数字、- 或 _），以客户手机上显示的为准。</translation>
    </message>
    <message>
        <source>Please check the input: {message}</source>
        <translation>请检查输入内容：{message}</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Wrong user name or password. After {attempts} wrong passwords in a row an account is locked for {minutes} minutes.</source>
        <translation>用户名或密码错误。连续输错 {attempts} 次密码，账号将被锁定 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>The price {value} has more than four decimals, e.g. 0.5469.</source>
        <translation>电价 {value} 超过四位小数，例如 0.5469。</translation>
    </message>
    <message>
        <source>The price {value} is above {ceiling} yuan per kWh. Check for a typing error.</source>
        <translation>电价 {value} 超过每千瓦时 {ceiling} 元，请检查是否输错。</translation>
    </message>
    <message>
        <source>The price {value} is not valid: type yuan per kWh above zero, e.g. 0.5469.</source>
        <translation>电价 {value} 无效：请输入大于零的每千瓦时元数，例如 0.5469。</translation>
    </message>
    <message>
        <source>Tariff {code} already has a version valid from {start} to {end}: choose a later day.</source>
        <translation>电价 {code} 已有自 {start} 至 {end} 有效的版本，请选择更晚的日期。</translation>
    </message>
    <message>
        <source>Tariff {code} already has a version valid from {start}: choose a day after {start}.</source>
        <translation>电价 {code} 已有自 {start} 起有效的版本，请选择 {start} 之后的日期。</translation>
    </message>
    <message>
        <source>The amount tendered</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>The amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>{what} cannot be negative.</source>
        <translation>{what}不能为负数。</translation>
    </message>
    <message>
        <source>{what} must be more than 0.00 yuan.</source>
        <translation>{what}必须大于 0.00 元。</translation>
    </message>
    <message>
        <source>{what} must be a real number of yuan.</source>
        <translation>{what}必须是有效的元金额。</translation>
    </message>
    <message>
        <source>{what} has more than two decimals: yuan and fen only, e.g. 98.62.</source>
        <translation>{what}超过两位小数：只能精确到元角分，例如 98.62。</translation>
    </message>
    <message>
        <source>{what} “{value}” is not a number. Type yuan and fen, e.g. 98.62.</source>
        <translation>{what}“{value}”不是数字。请输入元角分，例如 98.62。</translation>
    </message>
    <message>
        <source>{what} must be typed exactly, e.g. 98.62.</source>
        <translation>{what}须准确输入，例如 98.62。</translation>
    </message>
    <message>
        <source>{what} is above the limit of {ceiling} yuan for one payment. Check for a typing error.</source>
        <translation>{what}超过单笔收费上限 {ceiling} 元，请检查是否输错。</translation>
    </message>
    <message>
        <source>The amount tendered is less than the amount to pay.</source>
        <translation>实收金额少于应缴金额。</translation>
    </message>
    <message>
        <source>Type {what_lower}, e.g. 98.62.</source>
        <translation>请输入{what_lower}，例如 98.62。</translation>
    </message>
    <message>
        <source>{what} is not valid.</source>
        <translation>{what}无效。</translation>
    </message>
    <message>
        <source>the amount tendered</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>the amount to pay</source>
        <translation>缴费金额</translation>
    </message>
    <message>
        <source>This payment has been reversed already.</source>
        <translation>此笔收费已冲正。</translation>
    </message>
    <message>
        <source>You took this payment yourself: another supervisor must reverse it. Nothing was changed.</source>
        <translation>这笔缴费是您本人收取的，须由另一位主管冲正。未做任何更改。</translation>
    </message>
    <message>
        <source>This online payment is older than its channel&apos;s refund window of {days} days: the channel can no longer refund it. Only an administrator can reverse it now.</source>
        <translation>这笔线上缴费已超过该渠道 {days} 天的退款期限，渠道已无法原路退款。现在只有系统管理员可以冲正。</translation>
    </message>
    <message>
        <source>A later payment settled the same bills: reverse that one first.</source>
        <translation>之后有一笔收费结清了相同账单：请先冲正那一笔。</translation>
    </message>
    <message>
        <source>The account is closed: it cannot take payments.</source>
        <translation>该户已销户，不能收费。</translation>
    </message>
    <message>
        <source>The cash-up of {day} is done: payments of that day can no longer be taken or changed.</source>
        <translation>{day} 已日结：当日不能再收费或更改收费。</translation>
    </message>
    <message>
        <source>This payment was already posted with other figures. Close the dialog, check the customer&apos;s payments and start again.</source>
        <translation>此笔收费已按其他金额入账。请关闭窗口，核对客户缴费记录后重新办理。</translation>
    </message>
    <message>
        <source>{period} is billed already: every account has its bill.</source>
        <translation>{period} 已发行：所有用户均已出账。</translation>
    </message>
    <message>
        <source>This customer</source>
        <translation>该客户</translation>
    </message>
    <message>
        <source>This meter</source>
        <translation>该电能表</translation>
    </message>
    <message>
        <source>This seal</source>
        <translation>该封印</translation>
    </message>
    <message>
        <source>This payment</source>
        <translation>该笔缴费</translation>
    </message>
    <message>
        <source>This work order</source>
        <translation>该工单</translation>
    </message>
    <message>
        <source>This seal batch</source>
        <translation>这个封印批次</translation>
    </message>
    <message>
        <source>This inspection route</source>
        <translation>这条检查路线</translation>
    </message>
    <message>
        <source>This inspection result</source>
        <translation>这条检查结果</translation>
    </message>
    <message>
        <source>This staff member</source>
        <translation>这位员工</translation>
    </message>
    <message>
        <source>This supply unit</source>
        <translation>这个供电单位</translation>
    </message>
    <message>
        <source>This notice</source>
        <translation>该通知</translation>
    </message>
    <message>
        <source>This document</source>
        <translation>该单据</translation>
    </message>
    <message>
        <source>This switch command</source>
        <translation>该停复电指令</translation>
    </message>
    <message>
        <source>This calendar block</source>
        <translation>该停电日历条目</translation>
    </message>
    <message>
        <source>This policy</source>
        <translation>该费控策略</translation>
    </message>
    <message>
        <source>This supply unit is outside your own unit and the units below it; you can only see and act on those.</source>
        <translation>该供电单位不在您本单位及下属单位范围内；您只能查看和办理本单位及下属单位的业务。</translation>
    </message>
    <message>
        <source>This holds for every supply unit; only a user who sees every unit may change it. Choose your own unit instead.</source>
        <translation>此项适用于所有供电单位，只有可查看全部单位的用户才能更改。请改为选择您自己的单位。</translation>
    </message>
    <message>
        <source>This record</source>
        <translation>该记录</translation>
    </message>
    <message>
        <source>{what} belongs to another supply unit; you can only see and act on your own unit and the units below it.</source>
        <translation>{what}属于其他供电单位；您只能查看和办理本单位及下级单位的业务。</translation>
    </message>
    <message>
        <source>Closing an account is a supervisor&apos;s task. The closure order stays open for a supervisor to carry out; nothing was changed.</source>
        <translation>销户须由班长办理。销户工单保持未完成，等待班长处理；未做任何更改。</translation>
    </message>
    <message>
        <source>Replacing a meter is done by an inspector or a supervisor. The order stays open; nothing was changed.</source>
        <translation>换表须由用电检查员或班长办理。工单保持未完成；未做任何更改。</translation>
    </message>
    <message>
        <source>Only a supervisor may cancel an inspection or seal-check order; nothing was changed.</source>
        <translation>只有班长可以撤销用电检查或封印核查工单；未做任何更改。</translation>
    </message>
    <message>
        <source>Only an administrator may create seal batches or print their labels.</source>
        <translation>只有系统管理员可以新建封印批次或打印其标签。</translation>
    </message>
    <message>
        <source>Only a supervisor may open the cash drawer without a payment; nothing was opened.</source>
        <translation>只有主管可以在没有缴费时打开钱箱；钱箱未打开。</translation>
    </message>
    <message>
        <source>Issuing seals or taking them back to stock needs a supervisor or an administrator.</source>
        <translation>发放封印或将封印退回库存须由班长或系统管理员办理。</translation>
    </message>
    <message>
        <source>The key file {path} does not open this route&apos;s results (missing, damaged or another site&apos;s). Nothing was imported; ask the administrator for the site&apos;s key file.</source>
        <translation>密钥文件 {path} 无法打开此巡检路线的结果（文件缺失、损坏或属于其他站点）。未导入任何内容；请向管理员索取本站点的密钥文件。</translation>
    </message>
    <message>
        <source>The key file {path} does not unlock the site&apos;s signing key: it belongs to another site or was replaced. Nothing was signed; ask the administrator for the site&apos;s key file.</source>
        <translation>密钥文件 {path} 无法解锁本站的签名密钥：它属于其他站点或已被替换。未进行任何签名，请向管理员索取本站的密钥文件。</translation>
    </message>
    <message>
        <source>The site&apos;s key file {path} is missing or damaged, so nothing can be signed on this workstation. Ask the administrator to copy the site&apos;s key file there.</source>
        <translation>本站的密钥文件 {path} 缺失或已损坏，本工作站无法签名。请管理员将本站的密钥文件复制到该位置。</translation>
    </message>
    <message>
        <source>This account is locked after too many wrong passwords until {until}. Ask an administrator to unlock it.</source>
        <translation>密码错误次数过多，账号已锁定至 {until}。请联系系统管理员解锁。</translation>
    </message>
    <message>
        <source>This account is disabled. Please contact your administrator.</source>
        <translation>该账号已停用，请联系系统管理员。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>Your account was disabled or changed by an administrator. Please sign in again.</source>
        <translation>管理员已停用或更改了您的账号，请重新登录。</translation>
    </message>
    <message>
        <source>Your account was disabled by an administrator. Nothing was saved.</source>
        <translation>管理员已停用您的账号，本次操作未保存。</translation>
    </message>
    <message>
        <source>Please change your password before you go on.</source>
        <translation>请先修改密码，再继续操作。</translation>
    </message>
    <message>
        <source>The record was not found; it may have been removed.</source>
        <translation>未找到该记录，可能已被删除。</translation>
    </message>
    <message>
        <source>Another workstation changed this record meanwhile. Refresh and try again.</source>
        <translation>该记录已被其他工作站修改，请刷新后重试。</translation>
    </message>
    <message>
        <source>The database {where} is read-only. GridDesk records every sign-in and every change in it, so nobody can sign in. Ask the administrator for write access to the database (for a file: to the file and its folder).</source>
        <translation>数据库 {where} 是只读的。GridDesk 会在其中记录每次登录和每项变更，因此无法登录。请联系管理员开通该数据库的写权限（数据库文件：需要文件及其所在文件夹的写权限）。</translation>
    </message>
    <message>
        <source>The server did not prove that it is the site&apos;s database server (its certificate is not signed by the certificate authority that the connection URL names, or is made out to another name). Do not work around this: tell the administrator.</source>
        <translation>服务器未能证明它是本站的数据库服务器（其证书不是由连接 URL 指定的证书颁发机构签发的，或是颁发给另一个名称的）。请勿设法绕过，请告知管理员。</translation>
    </message>
    <message>
        <source>The certificate authority file that the connection URL names (sslrootcert) is not on this PC: ask the administrator to copy it here.</source>
        <translation>连接 URL 指定的证书颁发机构文件（sslrootcert）不在本机上：请管理员将其复制到本机。</translation>
    </message>
    <message>
        <source>The server accepts encrypted connections only: the connection URL needs sslmode=verify-full and sslrootcert.</source>
        <translation>服务器只接受加密连接：连接 URL 需要加上 sslmode=verify-full 和 sslrootcert。</translation>
    </message>
    <message>
        <source>The connection URL asks for encryption but the server offers none: the administrator has to turn TLS on at the server.</source>
        <translation>连接 URL 要求加密，但服务器不提供加密：需要管理员在服务器上启用 TLS。</translation>
    </message>
    <message>
        <source>The server wants this PC&apos;s own certificate: the connection URL needs sslcert and sslkey.</source>
        <translation>服务器要求本机自己的证书：连接 URL 需要加上 sslcert 和 sslkey。</translation>
    </message>
    <message>
        <source>Cannot reach the database {where}. {detail}</source>
        <translation>无法连接数据库 {where}。{detail}</translation>
    </message>
    <message>
        <source>The database is older than this program. Ask the administrator to run “python -m console db upgrade --db URL” and start again.</source>
        <translation>数据库版本低于本程序。请联系系统管理员运行“python -m console db upgrade --db URL”后重新启动。</translation>
    </message>
    <message>
        <source>The database already holds data; it was left unchanged.</source>
        <translation>数据库中已有数据，未作任何改动。</translation>
    </message>
    <message>
        <source>Unexpected error: {kind}</source>
        <translation>意外错误：{kind}</translation>
    </message>
</context>
<context>
    <name>ExportRouteDialog</name>
    <message>
        <source>Export inspection route</source>
        <translation>导出稽查路线</translation>
    </message>
    <message>
        <source>Inspector:</source>
        <translation>稽查员：</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>No open inspection orders to send out.</source>
        <translation>没有待派出的稽查工单。</translation>
    </message>
    <message>
        <source>(no inspector in these units)</source>
        <translation>（这些单位没有稽查员）</translation>
    </message>
    <message>
        <source>Sealed for the device {key} enrolled on {day}: only that tablet opens the route.</source>
        <translation>已加密给 {day} 登记的现场终端 {key}：只有这台终端能打开该路线。</translation>
    </message>
    <message>
        <source>Save route</source>
        <translation>保存路线</translation>
    </message>
    <message>
        <source>Select the orders to put on the route.</source>
        <translation>请选择要编入路线的工单。</translation>
    </message>
    <message>
        <source>Choose the inspector who carries the route.</source>
        <translation>请选择携带该路线的检查员。</translation>
    </message>
    <message numerus="yes">
        <source>Route with %n order(s) saved.</source>
        <translation>
            <numerusform>已保存含 %n 张工单的路线。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <source>Inspection findings</source>
        <translation>稽查发现</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No findings imported yet.</source>
        <translation>尚未导入任何稽查发现。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>* required</source>
        <translation>* 为必填项</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Transaction no.</source>
        <translation>交易号</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Customer no. sent</source>
        <translation>上送户号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Why held</source>
        <translation>挂起原因</translation>
    </message>
    <message>
        <source>{reason} (due {due})</source>
        <translation>{reason}（应缴 {due}）</translation>
    </message>
</context>
<context>
    <name>HeldPanel</name>
    <message>
        <source>&amp;Post to customer...</source>
        <translation>入账到客户(&amp;P)...</translation>
    </message>
    <message>
        <source>Mark for re&amp;fund...</source>
        <translation>标记退款(&amp;F)...</translation>
    </message>
    <message>
        <source>Mark resolve&amp;d...</source>
        <translation>标记已处理(&amp;D)...</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>The list also refreshes itself every few seconds (Ctrl+R).</source>
        <translation>列表每隔几秒自动刷新（Ctrl+R）。</translation>
    </message>
    <message numerus="yes">
        <source>%n held payment(s), {total} yuan</source>
        <translation>
            <numerusform>共 %n 笔待处理，合计 {total} 元</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused today: {forged} forged · {stale} stale · {replayed} replayed · {other} malformed</source>
        <translation>今日拒收：伪造 {forged} · 过期 {stale} · 重放 {replayed} · 格式错误 {other}</translation>
    </message>
    <message>
        <source>Mark for refund</source>
        <translation>标记退款</translation>
    </message>
    <message>
        <source>Refund: {subject}. The money goes back to the payer on the channel; say why.</source>
        <translation>退款：{subject}。款项将通过原渠道退回付款人，请说明原因。</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标记已处理</translation>
    </message>
    <message>
        <source>Resolved: {subject}. It leaves the list without a payment; say why.</source>
        <translation>已处理：{subject}。不入账，移出列表，请说明原因。</translation>
    </message>
    <message>
        <source>Posted: receipt {receipt}.</source>
        <translation>已入账：收据号 {receipt}。</translation>
    </message>
    <message>
        <source>Marked for refund.</source>
        <translation>已标记退款。</translation>
    </message>
    <message>
        <source>Marked resolved.</source>
        <translation>已标记为已处理。</translation>
    </message>
</context>
<context>
    <name>HeldPayments</name>
    <message>
        <source>No such customer number</source>
        <translation>户号不存在</translation>
    </message>
    <message>
        <source>Amount is not what is due</source>
        <translation>金额与应缴不符</translation>
    </message>
    <message>
        <source>Account closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <source>Transaction number already used</source>
        <translation>交易号已被占用</translation>
    </message>
    <message>
        <source>{amount} yuan by {channel} · {txn}</source>
        <translation>{channel} {amount} 元 · {txn}</translation>
    </message>
</context>
<context>
    <name>ImportResultsDialog</name>
    <message>
        <source>Import inspection results</source>
        <translation>导入稽查结果</translation>
    </message>
    <message>
        <source>Choose results file…</source>
        <translation>选择结果文件…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>打开结果文件</translation>
    </message>
    <message>
        <source>These results were imported before; nothing changed.</source>
        <translation>这些结果此前已导入，未做任何更改。</translation>
    </message>
    <message>
        <source>{items} results: {applied} applied, {conflicts} held as conflicts for a supervisor.</source>
        <translation>共 {items} 条结果：已应用 {applied} 条，{conflicts} 条作为冲突留待主管处理。</translation>
    </message>
</context>
<context>
    <name>Inspection</name>
    <message>
        <source>nothing found</source>
        <translation>未发现异常</translation>
    </message>
    <message>
        <source>tampering</source>
        <translation>私动计量装置</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>绕越计量</translation>
    </message>
    <message>
        <source>broken seal</source>
        <translation>封印破损</translation>
    </message>
    <message>
        <source>meter fault</source>
        <translation>电能表故障</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>抄表</translation>
    </message>
    <message>
        <source>seal check</source>
        <translation>封印检查</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>检查发现</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>现场到访</translation>
    </message>
    <message>
        <source>{kwh} kWh</source>
        <translation>{kwh} 千瓦时</translation>
    </message>
    <message>
        <source>seal {seal} intact</source>
        <translation>封印 {seal} 完好</translation>
    </message>
    <message>
        <source>seal {seal} broken</source>
        <translation>封印 {seal} 破损</translation>
    </message>
    <message>
        <source>seal {seal} missing</source>
        <translation>封印 {seal} 缺失</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>no access</source>
        <translation>未能入户</translation>
    </message>
    <message>
        <source>order cancelled meanwhile</source>
        <translation>工单已在此期间撤销</translation>
    </message>
    <message>
        <source>order already completed</source>
        <translation>工单已完成</translation>
    </message>
    <message>
        <source>account closed meanwhile</source>
        <translation>账户已在此期间销户</translation>
    </message>
    <message>
        <source>meter replaced meanwhile</source>
        <translation>电能表已在此期间更换</translation>
    </message>
    <message>
        <source>seal unknown here</source>
        <translation>本单位无此封印</translation>
    </message>
    <message>
        <source>seal no longer on this meter</source>
        <translation>封印已不在该表上</translation>
    </message>
    <message>
        <source>reading lower than the stored one</source>
        <translation>示数低于已存示数</translation>
    </message>
    <message>
        <source>a reading at that time exists</source>
        <translation>该时刻已有示数</translation>
    </message>
    <message>
        <source>This file is not a GridDesk field package.</source>
        <translation>此文件不是 GridDesk 现场作业包。</translation>
    </message>
    <message>
        <source>The package is cut short (copied only in part?). Nothing was imported.</source>
        <translation>作业包不完整（可能只复制了一部分），未导入任何内容。</translation>
    </message>
    <message>
        <source>The package was changed after it was signed. Nothing was imported.</source>
        <translation>作业包在签名后被改动，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package is signed with a key this site did not issue (another site&apos;s package?). Nothing was imported.</source>
        <translation>作业包的签名密钥不是本单位签发的（可能是其他单位的作业包），未导入任何内容。</translation>
    </message>
    <message>
        <source>This is a route package; import the inspector&apos;s results file instead.</source>
        <translation>这是路线作业包，请导入稽查员带回的结果文件。</translation>
    </message>
    <message>
        <source>The results answer another route.</source>
        <translation>这些结果属于另一条路线。</translation>
    </message>
    <message>
        <source>Result {item} is for customer {customer}, who is not on this route. Nothing was imported.</source>
        <translation>结果 {item} 属于户号 {customer}，该户不在本路线中，未导入任何内容。</translation>
    </message>
    <message>
        <source>Attachment {name} of result {item} is not a photo (PNG or JPEG). Nothing was imported.</source>
        <translation>结果 {item} 的附件 {name} 不是照片（PNG 或 JPEG），未导入任何内容。</translation>
    </message>
    <message>
        <source>Result {item} is incomplete or malformed ({problem}). Nothing was imported.</source>
        <translation>结果 {item} 不完整或格式错误（{problem}），未导入任何内容。</translation>
    </message>
    <message>
        <source>The package content is damaged. Nothing was imported.</source>
        <translation>作业包内容已损坏，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package or one of its entries is too large ({size} bytes). Nothing was imported.</source>
        <translation>文件包或其中某一项过大（{size} 字节），未导入任何内容。</translation>
    </message>
    <message>
        <source>The package holds too many entries ({entries}). Nothing was imported.</source>
        <translation>文件包中的条目过多（{entries} 项），未导入任何内容。</translation>
    </message>
    <message>
        <source>The package holds a compressed entry; GridDesk packages are never compressed. Nothing was imported.</source>
        <translation>文件包中含有压缩条目，而 GridDesk 文件包从不压缩，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package holds an unexpected entry &quot;{name}&quot;. Nothing was imported.</source>
        <translation>文件包中含有不应有的条目“{name}”，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package does not open: its sealed content was changed. Nothing was imported.</source>
        <translation>文件包无法解密：加密内容已被改动，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package is sealed for another key. Nothing was imported.</source>
        <translation>文件包是为另一个密钥加密的，未导入任何内容。</translation>
    </message>
    <message>
        <source>The package is of the earlier, unencrypted format. Export the route again. Nothing was imported.</source>
        <translation>文件包是早期的未加密格式，请重新导出路线。未导入任何内容。</translation>
    </message>
    <message>
        <source>{inspector} has no enrolled field device: an administrator enrols one first (python -m console inspection enrol-device).</source>
        <translation>{inspector} 尚无已登记的现场终端：请管理员先登记（python -m console inspection enrol-device）。</translation>
    </message>
    <message>
        <source>Choose an active inspector to carry the route.</source>
        <translation>请选择一位在岗的检查员携带该路线。</translation>
    </message>
</context>
<context>
    <name>InspectionItems</name>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <source>2. Scan every seal found on the meter, one after the other. Then press Check (Ctrl+Enter).</source>
        <translation>2. 逐个扫描表上的全部封印，然后按“核查”（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Scan a seal…</source>
        <translation>扫描封印…</translation>
    </message>
    <message>
        <source>Remove scan</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Remove the selected scan (Delete)</source>
        <translation>删除所选扫描记录（Delete）</translation>
    </message>
    <message>
        <source>New check</source>
        <translation>重新核查</translation>
    </message>
    <message>
        <source>Check seals</source>
        <translation>核查封印</translation>
    </message>
    <message>
        <source>Compare the scanned seals with the records (Ctrl+Enter)</source>
        <translation>将扫描的封印与档案比对（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>This seal was scanned already.</source>
        <translation>此封印已扫描过。</translation>
    </message>
    <message>
        <source>All seals intact</source>
        <translation>封印全部完好</translation>
    </message>
    <message>
        <source>Seals checked: {n}. Every one matches the records.</source>
        <translation>已核查 {n} 枚封印，全部与档案相符。</translation>
    </message>
    <message>
        <source>Work order {order} was opened for the meter&apos;s unit.</source>
        <translation>已为电能表所属单位派发工单 {order}。</translation>
    </message>
    <message>
        <source>No work order was opened.</source>
        <translation>未派发工单。</translation>
    </message>
    <message>
        <source>Anomalies found: {n}</source>
        <translation>发现异常 {n} 处</translation>
    </message>
</context>
<context>
    <name>InstallPanel</name>
    <message>
        <source>2. Choose the position, then scan the new seal: it is verified and recorded on the meter.</source>
        <translation>2. 选择位置，然后扫描新封印：验真后登记在该电能表上。</translation>
    </message>
    <message>
        <source>Scan the seal to install…</source>
        <translation>扫描要装用的封印…</translation>
    </message>
    <message>
        <source>Seals on this meter</source>
        <translation>本表封印</translation>
    </message>
    <message>
        <source>Reason for removing the selected seal, e.g. meter replaced</source>
        <translation>拆除所选封印的原因，例如：换表</translation>
    </message>
    <message>
        <source>Remove seal</source>
        <translation>拆除封印</translation>
    </message>
    <message>
        <source>Seal {seal} installed</source>
        <translation>封印 {seal} 已装用</translation>
    </message>
    <message>
        <source>Recorded on meter {meter} at {position}.</source>
        <translation>已登记在电能表 {meter} 的{position}。</translation>
    </message>
    <message>
        <source>Seal {seal} removed</source>
        <translation>封印 {seal} 已拆除</translation>
    </message>
    <message>
        <source>You now hold the broken seal until it is scrapped.</source>
        <translation>拆下的封印由您保管，直至报废。</translation>
    </message>
</context>
<context>
    <name>InventoryPanel</name>
    <message>
        <source>Count the seals of:</source>
        <translation>盘点对象：</translation>
    </message>
    <message>
        <source>Scan every seal in the drawer or bag, in any order, then press Finish count (Ctrl+Enter).</source>
        <translation>按任意顺序扫描抽屉或工具包中的每一枚封印，然后按“完成盘点”（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Scan a seal…</source>
        <translation>扫描封印…</translation>
    </message>
    <message>
        <source>Finish count</source>
        <translation>完成盘点</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫描</translation>
    </message>
    <message>
        <source>Missing (on record, not scanned): {n}</source>
        <translation>缺失（在档未扫到）：{n}</translation>
    </message>
    <message>
        <source>Not on record here: {n}</source>
        <translation>不属于此处：{n}</translation>
    </message>
    <message>
        <source>Stock of {unit}</source>
        <translation>{unit} 库存</translation>
    </message>
    <message>
        <source>Installer {name} ({unit})</source>
        <translation>装拆人员 {name}（{unit}）</translation>
    </message>
    <message>
        <source>This seal was scanned already.</source>
        <translation>此封印已扫描过。</translation>
    </message>
    <message>
        <source>Scanned: {n}</source>
        <translation>已扫描：{n}</translation>
    </message>
    <message>
        <source>The count agrees with the records</source>
        <translation>盘点结果与档案相符</translation>
    </message>
    <message>
        <source>Every seal on record was scanned ({n}).</source>
        <translation>在档封印全部扫到（{n} 枚）。</translation>
    </message>
    <message>
        <source>Missing seals: {n}</source>
        <translation>缺失封印 {n} 枚</translation>
    </message>
    <message>
        <source>{found} of {expected} seals on record were scanned. Scanned but not on record here: {extra}.</source>
        <translation>在档 {expected} 枚中扫到 {found} 枚。扫到但不属于此处：{extra} 枚。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Counter clerk</source>
        <translation>营业员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>班长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>用电检查员</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Seal labels</source>
        <translation>封印标签</translation>
    </message>
    <message>
        <source>First number:</source>
        <translation>起始编号：</translation>
    </message>
    <message>
        <source>Last number:</source>
        <translation>截止编号：</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签数：</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <source>Reprint (marked on the label and recorded)</source>
        <translation>补打（标签上注明并记录）</translation>
    </message>
    <message>
        <source>A4 sheet, 3 × 10 labels</source>
        <translation>A4 整页，3 × 10 张</translation>
    </message>
    <message>
        <source>Thermal label 40 × 30 mm</source>
        <translation>热敏标签 40 × 30 毫米</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印...</translation>
    </message>
    <message>
        <source>Print on an office or label printer (Ctrl+P)</source>
        <translation>在办公打印机或标签打印机上打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>另存为 PDF...</translation>
    </message>
    <message>
        <source>Not a range of seal numbers</source>
        <translation>不是有效的封印号段</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>第 {page} 页，共 {total} 页</translation>
    </message>
    <message>
        <source>(preview shows the first {n})</source>
        <translation>（预览显示前 {n} 页）</translation>
    </message>
    <message>
        <source>Print seal labels</source>
        <translation>打印封印标签</translation>
    </message>
    <message>
        <source>Pages sent to the printer: {n}.</source>
        <translation>已发送 {n} 页至打印机。</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>将标签另存为 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>已保存 {file}。</translation>
    </message>
</context>
<context>
    <name>LivePlots</name>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>电流</translation>
    </message>
    <message>
        <source>Phase A</source>
        <translation>A 相</translation>
    </message>
    <message>
        <source>Phase B</source>
        <translation>B 相</translation>
    </message>
    <message>
        <source>Phase C</source>
        <translation>C 相</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Power (kW)</source>
        <translation>功率（kW）</translation>
    </message>
    <message>
        <source>Voltage A (V)</source>
        <translation>A 相电压（V）</translation>
    </message>
    <message>
        <source>Voltage B (V)</source>
        <translation>B 相电压（V）</translation>
    </message>
    <message>
        <source>Voltage C (V)</source>
        <translation>C 相电压（V）</translation>
    </message>
    <message>
        <source>Current A (A)</source>
        <translation>A 相电流（A）</translation>
    </message>
    <message>
        <source>Current B (A)</source>
        <translation>B 相电流（A）</translation>
    </message>
    <message>
        <source>Current C (A)</source>
        <translation>C 相电流（A）</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The console is locked</source>
        <translation>控制台已锁定</translation>
    </message>
    <message>
        <source>Nobody used the console for a while. {name} ({user}), type your password to go on where you left off; somebody else can log in with a fresh session.</source>
        <translation>控制台已有一段时间无人操作。{name}（{user}），请输入密码，从离开的地方继续；其他人可以切换用户，重新登录。</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>GridDesk — log in</source>
        <translation>GridDesk — 登录</translation>
    </message>
    <message>
        <source>Power supply service hall console</source>
        <translation>供电营业厅运营台</translation>
    </message>
    <message>
        <source>Payments, arrears, remote switching and seals for the service hall.</source>
        <translation>营业厅收费、欠费催缴、远程费控通断与封印管理。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Your staff user name</source>
        <translation>请输入员工用户名</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Demo accounts — click one to fill in the form</source>
        <translation>演示账号 — 单击即可填入</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <source>Payment {receipt} ({amount} yuan) was reversed.</source>
        <translation>收费 {receipt}（{amount} 元）已冲正。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GridDesk Power Supply Service Hall Console — {unit}</source>
        <translation>GridDesk 供电营业厅运营台 — {unit}</translation>
    </message>
    <message>
        <source>Accou&amp;nt</source>
        <translation>账户(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>Change password...</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Count my cash drawer...</source>
        <translation>清点我的钱箱...</translation>
    </message>
    <message>
        <source>Close a clerk&apos;s day...</source>
        <translation>收费员日结...</translation>
    </message>
    <message>
        <source>Workstation settings...</source>
        <translation>本机设备设置...</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Log out (Ctrl+Shift+L)</source>
        <translation>退出登录（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>{panel} ({keys})</source>
        <translation>{panel}（{keys}）</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message numerus="yes">
        <source>{state} (tried %n time(s)): {error}</source>
        <translation>
            <numerusform>{state}（已尝试 %n 次）：{error}</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent {time}, reference {ref}</source>
        <translation>{time} 已发送，回执 {ref}</translation>
    </message>
    <message>
        <source>Last attempt failed: {error}</source>
        <translation>上次发送失败：{error}</translation>
    </message>
</context>
<context>
    <name>MeterDetailPane</name>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>History of this meter</source>
        <translation>该表的控制记录</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Asset no.</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>Meter address</source>
        <translation>通信地址</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>继电器</translation>
    </message>
    <message>
        <source>Relay switched</source>
        <translation>继电器已切换</translation>
    </message>
    <message>
        <source>Status last read</source>
        <translation>最近读取状态</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Power guarantee</source>
        <translation>保电</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Yes (保电)</source>
        <translation>是（保电）</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>⚠ Command {id} {state}: {why}</source>
        <translation>⚠ 指令 {id} {state}：{why}</translation>
    </message>
    <message>
        <source>No relay: cannot be switched remotely</source>
        <translation>无继电器：不能远程控制</translation>
    </message>
</context>
<context>
    <name>MeterPicker</name>
    <message>
        <source>1. Scan the meter&apos;s asset barcode, or type its number or the customer number, and press Enter.</source>
        <translation>1. 扫描电能表资产条码，或输入表号、户号后按回车。</translation>
    </message>
    <message>
        <source>Meter number…</source>
        <translation>电能表编号…</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Seals on record</source>
        <translation>在档封印数</translation>
    </message>
</context>
<context>
    <name>MonthlyPlot</name>
    <message>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>{month}
{last_year}: {last} kWh
{this_year}: {this} kWh</source>
        <translation>{month}
{last_year}：{last} kWh
{this_year}：{this} kWh</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{year} (kWh)</source>
        <translation>{year}（kWh）</translation>
    </message>
</context>
<context>
    <name>MoveSealsDialog</name>
    <message>
        <source>Issue seals to a unit</source>
        <translation>封印发放至单位</translation>
    </message>
    <message>
        <source>Issue seals to an installer</source>
        <translation>封印领用至个人</translation>
    </message>
    <message>
        <source>Return seals to stock</source>
        <translation>封印退库</translation>
    </message>
    <message>
        <source>Scrap seals</source>
        <translation>封印报废</translation>
    </message>
    <message>
        <source>Record seals as lost</source>
        <translation>登记封印遗失</translation>
    </message>
    <message>
        <source>Record seals as damaged</source>
        <translation>登记封印损坏</translation>
    </message>
    <message>
        <source>Seals in stock within the range go to the unit&apos;s stock.</source>
        <translation>号段内的在库封印转入该单位库存。</translation>
    </message>
    <message>
        <source>The installer becomes accountable for every seal in the range until it is installed or returned.</source>
        <translation>号段内每一枚封印由该装拆人员负责，直至装用或退库。</translation>
    </message>
    <message>
        <source>Unused seals come back into stock. Lost or damaged seals are never returned: record them as such instead.</source>
        <translation>未使用的封印退回库存。遗失或损坏的封印不得退库，请按遗失或损坏登记。</translation>
    </message>
    <message>
        <source>Removed or unused seals are destroyed. Their numbers are never used again.</source>
        <translation>已拆除或未使用的封印予以销毁，其编号不再使用。</translation>
    </message>
    <message>
        <source>Lost seals are never used again; a lost seal found on a meter later shows as an anomaly.</source>
        <translation>遗失的封印不得再用；日后在电能表上发现遗失封印将作为异常处理。</translation>
    </message>
    <message>
        <source>Broken or unusable seals are never used again.</source>
        <translation>损坏或无法使用的封印不得再用。</translation>
    </message>
    <message>
        <source>Installer:</source>
        <translation>装拆人员：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>First number:</source>
        <translation>起始编号：</translation>
    </message>
    <message>
        <source>Last number:</source>
        <translation>截止编号：</translation>
    </message>
    <message>
        <source>Seals in the range:</source>
        <translation>号段内封印数：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>e.g. left over after the campaign</source>
        <translation>例如：专项工作结束后剩余</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退库</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Record as lost</source>
        <translation>登记遗失</translation>
    </message>
    <message>
        <source>Record as damaged</source>
        <translation>登记损坏</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&quot;{number}&quot; is not a 22-digit seal number with a valid check digit.</source>
        <translation>“{number}”不是校验位正确的22位封印编号。</translation>
    </message>
    <message>
        <source>The first and last numbers belong to different units.</source>
        <translation>起始编号与截止编号属于不同单位。</translation>
    </message>
    <message>
        <source>The last number comes before the first.</source>
        <translation>截止编号小于起始编号。</translation>
    </message>
    <message>
        <source>Type or scan the first and last seal numbers.</source>
        <translation>请输入或扫描起止封印编号。</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Lookup</source>
        <translation>客户查询</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>用电分析</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费管理</translation>
    </message>
    <message>
        <source>Switch control</source>
        <translation>费控通断</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>封印管理</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Theft &amp; inspection</source>
        <translation>窃电稽查</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Find a customer by number, name, pinyin initials, phone, meter or address, and open the customer view: account, bills, payments and meter state.</source>
        <translation>按户号、户名、拼音首字母、电话、电能表或地址查找客户，打开客户视图：账户、账单、缴费记录和电能表状态。</translation>
    </message>
    <message>
        <source>Consumption by day and month, this year against last, tier limits marked, and the live power curve of the meter.</source>
        <translation>按日、按月查看用电量，与去年同期对比，标出阶梯电量分档，并显示电能表实时功率曲线。</translation>
    </message>
    <message>
        <source>Arrears by age bucket and amount, with filters; reminders and disconnect notices served in one action.</source>
        <translation>按欠费账龄和金额查看、筛选欠费用户；一键批量发送催费通知和停电通知。</translation>
    </message>
    <message>
        <source>Disconnect and reconnect requests, approvals, and the state of each command until the meter confirms it.</source>
        <translation>停电、复电申请与审批，跟踪每条指令的执行状态，直至电能表确认。</translation>
    </message>
    <message>
        <source>Held phone payments</source>
        <translation>手机缴费待处理</translation>
    </message>
    <message>
        <source>Phone payments (WeChat Pay, Alipay) the gateway could not post: post each to the right customer, or mark it for refund; refused notifications of the day.</source>
        <translation>网关未能入账的手机缴费（微信支付、支付宝）：逐笔入账到正确的客户，或标记退款；以及当日拒收的通知。</translation>
    </message>
    <message>
        <source>Seal batches, labels, issue to units and installers, scan and verify seals, anomalies.</source>
        <translation>封印批次与标签打印，向供电单位和装表人员发放，扫码核验封印，处理异常。</translation>
    </message>
    <message>
        <source>Meter replacements, closures, inspections, seal checks and complaints: due times, overdue orders, assignment, completion and satisfaction.</source>
        <translation>换表、销户、用电检查、封印核查和投诉：限办时间、超期工单、派工、办结和满意度。</translation>
    </message>
    <message>
        <source>Meters ranked by signs of electricity theft with the reasons; inspection orders for suspects; routes exported for inspectors and their results imported.</source>
        <translation>按窃电迹象为电能表排序并列出原因；为嫌疑户开具稽查工单；为稽查员导出路线并导入现场结果。</translation>
    </message>
    <message>
        <source>Daily collection by operator and method, arrears ageing, monthly management summary; preview and print.</source>
        <translation>按收费员和缴费方式统计的日收费报表、欠费账龄分析、月度经营分析；支持预览和打印。</translation>
    </message>
    <message>
        <source>Staff accounts: create, disable, reset passwords and unlock.</source>
        <translation>员工账号管理：新建、停用、重置密码和解锁。</translation>
    </message>
    <message>
        <source>Tariffs and their versions: tier limits, time-of-use prices, valid from which day.</source>
        <translation>电价及其版本：阶梯电量上限、分时电价、生效日期。</translation>
    </message>
    <message>
        <source>Cost-control policies: reminder and disconnect thresholds, notice periods, quiet hours and protected categories.</source>
        <translation>费控策略：催费和停电阈值、通知期限、禁止停电时段和保电类别。</translation>
    </message>
    <message>
        <source>Holidays and blackout days on which no disconnection is carried out.</source>
        <translation>节假日和禁止停电日：这些日子不执行停电。</translation>
    </message>
    <message>
        <source>How long an idle console stays open before it locks, and the rules for passwords.</source>
        <translation>控制台无人操作多久后锁定，以及密码规则。</translation>
    </message>
    <message>
        <source>Scan and verify seals, check them on site, record installs and removals.</source>
        <translation>扫描验真封印、现场核查、登记装拆封。</translation>
    </message>
    <message>
        <source>Issue seals to units and installers and take them back; scan and verify seals, check them on site, record installs and removals.</source>
        <translation>向单位和装表人员发放封印并收回入库；扫描验真封印、现场核查、登记装拆封。</translation>
    </message>
</context>
<context>
    <name>NewVersionDialog</name>
    <message>
        <source>New version of tariff {code}</source>
        <translation>电价 {code} 新版本</translation>
    </message>
    <message>
        <source>The new version applies from the day chosen; the current version ends the day before. Bills already issued keep the prices they were made with.</source>
        <translation>新版本自所选日期起生效，现行版本于前一天结束。已开出的账单仍按原电价计算。</translation>
    </message>
    <message>
        <source>Save version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Effective from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Price (yuan/kWh):</source>
        <translation>电价（元/千瓦时）：</translation>
    </message>
    <message>
        <source>Tiers:</source>
        <translation>阶梯：</translation>
    </message>
    <message>
        <source>Up to kWh a year</source>
        <translation>年用电量上限（千瓦时）</translation>
    </message>
    <message>
        <source>Price (yuan/kWh)</source>
        <translation>电价（元/千瓦时）</translation>
    </message>
    <message>
        <source>Tier {n}</source>
        <translation>第 {n} 档</translation>
    </message>
    <message>
        <source>above</source>
        <translation>以上</translation>
    </message>
    <message>
        <source>“{text}” is not a number.</source>
        <translation>“{text}”不是数字。</translation>
    </message>
</context>
<context>
    <name>NewWorkOrderDialog</name>
    <message>
        <source>New work order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Open a work order for {customer}. Its due time follows the service promise of the kind.</source>
        <translation>为 {customer} 新建工单。限办时间按该类工单的服务承诺计算。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What the customer asks or reports</source>
        <translation>客户的诉求或反映的问题</translation>
    </message>
    <message>
        <source>Carry it out now, at the counter</source>
        <translation>现在就在柜台办理</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>建立工单</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Period</source>
        <translation>电费年月</translation>
    </message>
    <message>
        <source>Bill no.</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Electricity (yuan)</source>
        <translation>电费（元）</translation>
    </message>
    <message>
        <source>Late fee (yuan)</source>
        <translation>违约金（元）</translation>
    </message>
    <message>
        <source>Subtotal (yuan)</source>
        <translation>小计（元）</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收费方式</translation>
    </message>
    <message>
        <source>Alt+{key}</source>
        <translation>Alt+{key}</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>实缴金额（元）</translation>
    </message>
    <message>
        <source>Tendered (yuan)</source>
        <translation>实收（元）</translation>
    </message>
    <message>
        <source>Change (yuan)</source>
        <translation>找零（元）</translation>
    </message>
    <message>
        <source>exact amount</source>
        <translation>与实缴金额相同</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Reprint receipt</source>
        <translation>补打凭证(&amp;R)</translation>
    </message>
    <message>
        <source>Close (Enter)</source>
        <translation>关闭（Enter）</translation>
    </message>
    <message>
        <source>Check the earlier payment (Enter)</source>
        <translation>先核对上一笔缴费 (Enter)</translation>
    </message>
    <message>
        <source>Post payment (Enter)</source>
        <translation>确认收费（Enter）</translation>
    </message>
    <message>
        <source>{name}  ·  customer no. {number}</source>
        <translation>{name}  ·  户号 {number}</translation>
    </message>
    <message>
        <source>Electricity {principal} + late fees {fees} = &lt;b&gt;{total} yuan due&lt;/b&gt;</source>
        <translation>电费 {principal} + 违约金 {fees} = &lt;b&gt;应缴 {total} 元&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing is owed. A payment is credited to the balance.</source>
        <translation>当前无欠费，所缴金额计入账户余额。</translation>
    </message>
    <message>
        <source>Balance on the account: {balance} yuan.</source>
        <translation>账户余额 {balance} 元。</translation>
    </message>
    <message>
        <source>{excess} yuan more than is due goes to the account balance (credit for future bills).</source>
        <translation>多缴的 {excess} 元计入账户余额（用于抵扣以后的电费）。</translation>
    </message>
    <message>
        <source>Part payment: {rest} yuan stays owed (oldest bill is paid first).</source>
        <translation>部分缴费：仍欠 {rest} 元（先结清最早的账单）。</translation>
    </message>
    <message>
        <source>{error} The payment may or may not be recorded: press Enter to ask the database — it is never recorded twice.</source>
        <translation>{error} 这笔缴费可能已入账，也可能没有：按 Enter 向数据库核对——同一笔绝不会入账两次。</translation>
    </message>
    <message>
        <source>Payment posted. Receipt no. &lt;b&gt;{receipt}&lt;/b&gt;: {amount} yuan by {method}.</source>
        <translation>收费成功。凭证号 &lt;b&gt;{receipt}&lt;/b&gt;：{method} {amount} 元。</translation>
    </message>
    <message>
        <source>Recorded before, not charged again. Receipt no. &lt;b&gt;{receipt}&lt;/b&gt;: {amount} yuan by {method}.</source>
        <translation>此前已入账，未重复收费。收据号 &lt;b&gt;{receipt}&lt;/b&gt;：{method} {amount} 元。</translation>
    </message>
    <message>
        <source>Give back &lt;b&gt;{change} yuan&lt;/b&gt; change.</source>
        <translation>请找零 &lt;b&gt;{change} 元&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Balance now {balance} yuan.</source>
        <translation>当前余额 {balance} 元。</translation>
    </message>
    <message>
        <source>{posted} {change} {balance}</source>
        <translation>{posted}{change}{balance}</translation>
    </message>
    <message>
        <source>The payment is recorded, but the receipt could not be printed or saved ({error}). Reprint it from the customer&apos;s payments.</source>
        <translation>收费已入账，但凭证未能打印或保存（{error}）。请在客户缴费记录中补打。</translation>
    </message>
    <message>
        <source>Receipt reprinted (marked 补打, copy {copy}).</source>
        <translation>凭证已补打（标注“补打”，第 {copy} 份）。</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>凭证已打印。</translation>
    </message>
    <message>
        <source>The cash drawer is open.</source>
        <translation>钱箱已弹开。</translation>
    </message>
    <message>
        <source>The cash drawer was already open before this receipt: close it after each sale.</source>
        <translation>打印本凭证前钱箱就是开着的：每笔收款后请关好钱箱。</translation>
    </message>
    <message>
        <source>The payment is recorded, once. The receipt was NOT printed: {problem} Then press &quot;Reprint receipt&quot; (Alt+R).</source>
        <translation>缴费已入账（仅一次）。凭证未打印：{problem}然后按“补打凭证”（Alt+R）。</translation>
    </message>
    <message>
        <source>The cash drawer opens when the receipt prints.</source>
        <translation>钱箱将在凭证打印时弹开。</translation>
    </message>
    <message>
        <source>The receipt printed, but it could not be recorded as printed ({error}).</source>
        <translation>凭证已打印，但未能记录为已打印（{error}）。</translation>
    </message>
    <message>
        <source>Receipt {receipt} reprinted (marked 补打, copy {copy}).</source>
        <translation>凭证 {receipt} 已补打（标注“补打”，第 {copy} 份）。</translation>
    </message>
    <message>
        <source>The receipt was not printed: {problem} Then print it again.</source>
        <translation>凭证未打印：{problem}然后再打印一次。</translation>
    </message>
</context>
<context>
    <name>PaymentDoubt</name>
    <message>
        <source>A payment of {amount} yuan by {method} sent at {time} got no answer from the database: it may or may not be recorded. It is checked first, so the customer cannot be charged twice.</source>
        <translation>{time} 提交的一笔 {method} {amount} 元缴费没有收到数据库的答复：可能已入账，也可能没有。先核对这笔，客户不会被重复收费。</translation>
    </message>
    <message>
        <source>The payment of {amount} yuan sent at {time} was recorded: receipt no. {receipt}.</source>
        <translation>{time} 提交的 {amount} 元缴费已入账：收据号 {receipt}。</translation>
    </message>
    <message>
        <source>The payment of {amount} yuan sent at {time} was not recorded. Take it again.</source>
        <translation>{time} 提交的 {amount} 元缴费未入账，请重新收取。</translation>
    </message>
</context>
<context>
    <name>PaymentTopUp</name>
    <message>
        <source>Prepaid: the balance will be {after} yuan ({owed} yuan clears what is owed). Under {alert} yuan — at 0.00, say — the customer is alerted and the meter sounds its pre-trip alarm; under {cut} yuan the supply is cut after a notice.</source>
        <translation>预付费：缴费后余额为 {after} 元（其中 {owed} 元结清欠费）。余额低于 {alert} 元（例如 0.00）时，会向客户发出余额预警，电能表发出跳闸前告警；低于 {cut} 元时，送达停电通知后停电。</translation>
    </message>
    <message>
        <source>Prepaid: this leaves {after} yuan, under the alert line of {alert} yuan — the customer is alerted and the meter sounds its pre-trip alarm within minutes; under {cut} yuan the supply is cut after a notice. Suggested: {suggested} yuan.</source>
        <translation>预付费：缴费后余额仅 {after} 元，低于预警线 {alert} 元——几分钟内会向客户发出余额预警，电能表发出跳闸前告警；低于 {cut} 元时，送达停电通知后停电。建议缴费 {suggested} 元。</translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message>
        <source>Edit...</source>
        <translation>编辑...</translation>
    </message>
    <message>
        <source>Change the selected policy (Enter)</source>
        <translation>修改所选策略（Enter）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>all units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Alert below</source>
        <translation>提醒余额</translation>
    </message>
    <message>
        <source>Cut below</source>
        <translation>停电余额</translation>
    </message>
    <message>
        <source>Notice (days)</source>
        <translation>通知期（天）</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>禁停时段</translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>no cuts</source>
        <translation>不停电</translation>
    </message>
    <message>
        <source>cuts</source>
        <translation>可停电</translation>
    </message>
    <message>
        <source>Cuts/hour</source>
        <translation>每小时停电上限</translation>
    </message>
    <message>
        <source>Auto-approve</source>
        <translation>自动审批</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Saved: policy {name}.</source>
        <translation>已保存：策略 {name}。</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <source>Edit policy {name}</source>
        <translation>编辑策略 {name}</translation>
    </message>
    <message>
        <source>Changes apply from cost control&apos;s next run and at the check the collector makes right before each cut.</source>
        <translation>修改自下一次费控计算起生效，采集服务在每次停电前的检查也按新规则执行。</translation>
    </message>
    <message>
        <source>Save policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Guards:</source>
        <translation>保护规则：</translation>
    </message>
    <message>
        <source>Never cut automatically:</source>
        <translation>不自动停电的类别：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>HH:MM, e.g. 18:00</source>
        <translation>时:分，例如 18:00</translation>
    </message>
    <message>
        <source>HH:MM, e.g. 08:00</source>
        <translation>时:分，例如 08:00</translation>
    </message>
    <message>
        <source>No cuts at weekends</source>
        <translation>周末不停电</translation>
    </message>
    <message>
        <source>No cuts on holidays</source>
        <translation>节假日不停电</translation>
    </message>
    <message>
        <source>Approve cost control&apos;s requests automatically</source>
        <translation>自动审批费控发起的申请</translation>
    </message>
    <message>
        <source>Sound the meter&apos;s alarm with the alert</source>
        <translation>提醒时电能表同时报警</translation>
    </message>
    <message>
        <source>Policy in force</source>
        <translation>策略生效</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Alert below (yuan):</source>
        <translation>余额低于此值提醒（元）：</translation>
    </message>
    <message>
        <source>Disconnect below (yuan):</source>
        <translation>余额低于此值停电（元）：</translation>
    </message>
    <message>
        <source>Prepaid top-up to suggest (yuan):</source>
        <translation>预付费建议充值（元）：</translation>
    </message>
    <message>
        <source>Notice period:</source>
        <translation>停电通知期：</translation>
    </message>
    <message>
        <source>Reminder before a cut:</source>
        <translation>停电前提醒：</translation>
    </message>
    <message>
        <source>Days overdue before a notice:</source>
        <translation>逾期多少天发停电通知：</translation>
    </message>
    <message>
        <source>Quiet hours from:</source>
        <translation>禁停时段开始：</translation>
    </message>
    <message>
        <source>Quiet hours until:</source>
        <translation>禁停时段结束：</translation>
    </message>
    <message>
        <source>Cuts per unit per hour, at most:</source>
        <translation>每单位每小时最多停电户数：</translation>
    </message>
    <message>
        <source>type a time of day as HH:MM, e.g. 22:30.</source>
        <translation>请按“时:分”填写，例如 22:30。</translation>
    </message>
    <message>
        <source>“{value}” is not a number.</source>
        <translation>“{value}”不是数字。</translation>
    </message>
    <message>
        <source>it must not be above the alert threshold.</source>
        <translation>不能高于提醒余额。</translation>
    </message>
    <message>
        <source>{field}: {detail}</source>
        <translation>{field}：{detail}</translation>
    </message>
</context>
<context>
    <name>PostHeldDialog</name>
    <message>
        <source>Post a held phone payment</source>
        <translation>手机缴费待处理款入账</translation>
    </message>
    <message>
        <source>The channel has taken this money. Check the customer number, press Enter to look it up, then post the payment to that customer.</source>
        <translation>渠道已收到这笔款。请核对户号，按回车查询，再将款项入账到该客户。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Held because</source>
        <translation>挂起原因</translation>
    </message>
    <message>
        <source>&amp;Customer no.</source>
        <translation>户号(&amp;C)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount check</source>
        <translation>金额核对</translation>
    </message>
    <message>
        <source>{reason}; number sent: {number}</source>
        <translation>{reason}；上送户号：{number}</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>查询(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Post to this customer</source>
        <translation>入账到该客户(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>— press Enter to look the number up —</source>
        <translation>— 按回车查询户号 —</translation>
    </message>
    <message>
        <source>The account is closed: it takes no payment. Mark the money for refund instead.</source>
        <translation>该户已销户，不能入账。请改为标记退款。</translation>
    </message>
    <message>
        <source>Owes {due} today; pays {amount}: </source>
        <translation>今日应缴 {due}，本笔 {amount}：</translation>
    </message>
    <message>
        <source>exactly what is due.</source>
        <translation>与应缴相符。</translation>
    </message>
    <message>
        <source>the account then holds {credit} credit.</source>
        <translation>入账后预存余额 {credit}。</translation>
    </message>
    <message>
        <source>{rest} is still owed afterwards.</source>
        <translation>入账后仍欠 {rest}。</translation>
    </message>
</context>
<context>
    <name>PrinterBox</name>
    <message>
        <source>Network label printer</source>
        <translation>网络标签打印机</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>指令语言：</translation>
    </message>
    <message>
        <source>e.g. 10.20.1.45</source>
        <translation>例如：10.20.1.45</translation>
    </message>
    <message>
        <source>Send to label printer</source>
        <translation>发送至标签打印机</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Jobs waiting for a printer:</source>
        <translation>等待打印机的任务：</translation>
    </message>
    <message>
        <source>{size} bytes sent to {host}:{port}.</source>
        <translation>已发送 {size} 字节至 {host}:{port}。</translation>
    </message>
    <message>
        <source>{size} bytes, attempts: {attempts}, last error: {error}</source>
        <translation>{size} 字节，已尝试 {attempts} 次，最近错误：{error}</translation>
    </message>
    <message>
        <source>Please enter the printer&apos;s host name or address.</source>
        <translation>请填写打印机的主机名或地址。</translation>
    </message>
    <message>
        <source>Sending to {host}:{port}…</source>
        <translation>正在发送至 {host}:{port}…</translation>
    </message>
    <message>
        <source>The label printer at {host}:{port} did not take the job ({why}). The job is kept: press Retry when the printer is ready.</source>
        <translation>标签打印机 {host}:{port} 未接收任务（{why}）。任务已保留：打印机就绪后请按“重试”。</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>正在重试…</translation>
    </message>
</context>
<context>
    <name>PrinterField</name>
    <message>
        <source>Receipt printer {where} is ready.</source>
        <translation>小票打印机 {where} 已就绪。</translation>
    </message>
    <message>
        <source>Paper is running low: have a new roll at hand.</source>
        <translation>纸卷快用完了：请备好新纸卷。</translation>
    </message>
    <message>
        <source>Printer: checking...</source>
        <translation>打印机：检查中…</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <source>Printer out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>Printer cover open</source>
        <translation>打印机纸仓盖打开</translation>
    </message>
    <message>
        <source>Printer offline</source>
        <translation>打印机脱机</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>Printer unreachable</source>
        <translation>打印机无法连接</translation>
    </message>
    <message>
        <source>Reading the receipt printer&apos;s status...</source>
        <translation>正在读取小票打印机的状态…</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>None: print PDF receipts</source>
        <translation>无：打印 PDF 凭证</translation>
    </message>
    <message>
        <source>Network (TCP port 9100)</source>
        <translation>网络（TCP 9100 端口）</translation>
    </message>
    <message>
        <source>Serial or USB serial port</source>
        <translation>串口或 USB 虚拟串口</translation>
    </message>
    <message>
        <source>USB printer (Linux device file)</source>
        <translation>USB 打印机（Linux 设备文件）</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>USB device</source>
        <translation>USB 设备</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.60</source>
        <translation>例如 192.168.1.60</translation>
    </message>
    <message>
        <source>e.g. COM3 or /dev/ttyUSB0</source>
        <translation>例如 COM3 或 /dev/ttyUSB0</translation>
    </message>
    <message>
        <source>e.g. /dev/usb/lp0</source>
        <translation>例如 /dev/usb/lp0</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>List the USB printers plugged in now (/dev/usb/lp*).</source>
        <translation>列出当前已插入的 USB 打印机（/dev/usb/lp*）。</translation>
    </message>
    <message>
        <source>Receipt printer (ESC/POS)</source>
        <translation>小票打印机（ESC/POS）</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Read the printer&apos;s status</source>
        <translation>读取打印机状态</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>The drawer&apos;s switch reads &quot;open&quot; when its signal is high (see the drawer&apos;s manual)</source>
        <translation>钱箱开关信号为高电平时表示“打开”（见钱箱说明书）</translation>
    </message>
    <message>
        <source>Why open the drawer without a payment</source>
        <translation>无销售开钱箱的原因</translation>
    </message>
    <message>
        <source>Open drawer without sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>Only a supervisor may open the drawer without a payment; the opening is audited.</source>
        <translation>只有主管可以无销售开钱箱，每次开启都记入审计。</translation>
    </message>
    <message>
        <source>Receipts are printed as PDF on the system printer (or saved to a file).</source>
        <translation>凭证以 PDF 形式在系统打印机上打印（或保存为文件）。</translation>
    </message>
    <message>
        <source>No USB printer is plugged in (nothing in /dev/usb/lp*): plug it in, switch it on and press &quot;Look again&quot;.</source>
        <translation>未插入 USB 打印机（/dev/usb/lp* 下没有设备）：请插好并打开打印机，然后点“重新查找”。</translation>
    </message>
    <message>
        <source>USB printers found: {devices}. The user must be in the &quot;lp&quot; group to print on them.</source>
        <translation>找到的 USB 打印机：{devices}。当前用户须属于“lp”组才能在其上打印。</translation>
    </message>
    <message>
        <source>Test page sent.</source>
        <translation>测试页已发送。</translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>正在询问打印机…</translation>
    </message>
    <message>
        <source>The drawer opens through the receipt printer: set up the printer first.</source>
        <translation>钱箱通过小票打印机弹开：请先设置打印机。</translation>
    </message>
    <message>
        <source>Drawer opened; recorded with the reason &quot;{reason}&quot;.</source>
        <translation>钱箱已打开，已记录原因“{reason}”。</translation>
    </message>
</context>
<context>
    <name>PrinterWords</name>
    <message>
        <source>The receipt printer is out of paper: load a new roll and close the cover.</source>
        <translation>小票打印机缺纸：请装上新纸卷并合上盖子。</translation>
    </message>
    <message>
        <source>The receipt printer&apos;s cover is open: close it until it clicks.</source>
        <translation>小票打印机盖子未合上：请合上直到听到“咔嗒”声。</translation>
    </message>
    <message>
        <source>The receipt printer is offline: check that it is switched on and its light is steady.</source>
        <translation>小票打印机脱机：请检查电源已打开且指示灯常亮。</translation>
    </message>
    <message>
        <source>The receipt printer&apos;s cutter is jammed: open the cover, clear the paper, close it.</source>
        <translation>小票打印机切刀卡纸：请打开盖子清除卡纸后合上。</translation>
    </message>
    <message>
        <source>The receipt printer reports an error: switch it off and on again.</source>
        <translation>小票打印机报告故障：请关机后重新开机。</translation>
    </message>
    <message>
        <source>No receipt printer is set up on this workstation.</source>
        <translation>本机未设置小票打印机。</translation>
    </message>
    <message>
        <source>The receipt printer&apos;s address or port is missing: set it in the workstation settings.</source>
        <translation>缺少小票打印机的地址或端口：请在本机设备设置中填写。</translation>
    </message>
    <message>
        <source>Serial printers need the pyserial package, which is not installed on this workstation.</source>
        <translation>串口打印机需要 pyserial 组件，本机尚未安装。</translation>
    </message>
    <message>
        <source>The serial port {where} cannot be opened: check its name and that the printer&apos;s cable is plugged in.</source>
        <translation>串口 {where} 打不开：请检查串口名称，并确认打印机数据线已插好。</translation>
    </message>
    <message>
        <source>No USB printer at {where}: check that its cable is plugged in and it is switched on, then pick its device in the workstation settings.</source>
        <translation>{where} 处没有 USB 打印机：请检查数据线已插好、打印机已开机，然后在工作站设置中选择它的设备。</translation>
    </message>
    <message>
        <source>This user may not write to the USB printer {where}: add the user to the &quot;lp&quot; group (sudo usermod -aG lp USER), then log out and in again.</source>
        <translation>当前用户无权写入 USB 打印机 {where}：请把该用户加入“lp”组（sudo usermod -aG lp 用户名），然后注销并重新登录。</translation>
    </message>
    <message>
        <source>The USB printer {where} is in use by another program (a system print queue?): remove it there, or stop that program.</source>
        <translation>USB 打印机 {where} 正被其他程序占用（系统打印队列？）：请在那里移除它，或关闭该程序。</translation>
    </message>
    <message>
        <source>The device at {where} does not answer as a receipt printer: check the address and that the printer is on.</source>
        <translation>{where} 处的设备没有按小票打印机应答：请检查地址，并确认打印机已开机。</translation>
    </message>
    <message>
        <source>The receipt printer {where} did not answer in time: check its power and its cable or network.</source>
        <translation>小票打印机 {where} 未及时应答：请检查电源和数据线或网络。</translation>
    </message>
    <message>
        <source>The receipt printer {where} refused the connection: check that it is switched on and the address is right.</source>
        <translation>小票打印机 {where} 拒绝连接：请检查已开机且地址正确。</translation>
    </message>
    <message>
        <source>The receipt printer {where} could not be reached ({error}): check its power and its cable or network.</source>
        <translation>无法连接小票打印机 {where}（{error}）：请检查电源和数据线或网络。</translation>
    </message>
    <message>
        <source>Printer ready.</source>
        <translation>打印机就绪。</translation>
    </message>
    <message>
        <source>Cash drawer open.</source>
        <translation>钱箱开着。</translation>
    </message>
    <message>
        <source>Cash drawer closed.</source>
        <translation>钱箱已关。</translation>
    </message>
    <message>
        <source>Paper is running low.</source>
        <translation>纸快用完了。</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>Counter service</source>
        <translation>柜台业务办理</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <source>Usage inspection</source>
        <translation>用电检查</translation>
    </message>
    <message>
        <source>Arrears follow-up</source>
        <translation>欠费催收</translation>
    </message>
    <message>
        <source>Disconnect/reconnect</source>
        <translation>停复电</translation>
    </message>
    <message>
        <source>Management report</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Legal request</source>
        <translation>依法调取</translation>
    </message>
</context>
<context>
    <name>PurposeDialog</name>
    <message>
        <source>Purpose</source>
        <translation>查阅用途</translation>
    </message>
    <message>
        <source>Why do you need the whole phone and ID numbers? The purpose is recorded with your name in the audit trail.</source>
        <translation>为什么需要查看完整的电话和身份证号码？用途将与您的姓名一起记入审计日志。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面集(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>Customer satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>How satisfied is the customer with {subject}?</source>
        <translation>客户对{subject}是否满意？</translation>
    </message>
    <message>
        <source>very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A reason is required (at most {n} characters).</source>
        <translation>必须填写原因（最多 {n} 个字符）。</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Receipt printed on {printer}.</source>
        <translation>凭证已在 {printer} 打印。</translation>
    </message>
    <message>
        <source>No printer is installed: the receipt was saved as {path}</source>
        <translation>未安装打印机：凭证已保存为 {path}</translation>
    </message>
</context>
<context>
    <name>RecordsList</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
</context>
<context>
    <name>ReplacementDialog</name>
    <message>
        <source>Replace meter</source>
        <translation>换表</translation>
    </message>
    <message>
        <source>Order {order}: read the old meter, remove its seals, install the new meter, read it and seal it. Billing runs on across both meters.</source>
        <translation>工单 {order}：抄旧表、拆封印，装新表、抄起始示数并加封。电费按新旧两块表连续计算。</translation>
    </message>
    <message>
        <source>Old meter</source>
        <translation>旧表</translation>
    </message>
    <message>
        <source>Final reading (kWh)</source>
        <translation>旧表止码（kWh）</translation>
    </message>
    <message>
        <source>New meter asset no.</source>
        <translation>新表资产编号</translation>
    </message>
    <message>
        <source>New meter address</source>
        <translation>新表通信地址</translation>
    </message>
    <message>
        <source>First reading (kWh)</source>
        <translation>新表起码（kWh）</translation>
    </message>
    <message>
        <source>New seals</source>
        <translation>新封印</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Scan the seals: meter cover first, then terminal cover</source>
        <translation>扫描封印：先表盖，后端钮盖</translation>
    </message>
    <message>
        <source>Optional: e.g. display broken</source>
        <translation>可选，如：显示屏损坏</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Customer statement</source>
        <translation>客户对账单</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Print this notice</source>
        <translation>打印此通知书</translation>
    </message>
</context>
<context>
    <name>ReportViewer</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>The report was cancelled.</source>
        <translation>报表已取消。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent to {printer}.</source>
        <translation>已发送到 {printer}。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>已保存为 {path}</translation>
    </message>
    <message>
        <source>Please choose the first and the last day.</source>
        <translation>请选择起始日期和截止日期。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>截止日期早于起始日期。</translation>
    </message>
    <message>
        <source>Choose at most a year.</source>
        <translation>统计期间最长一年。</translation>
    </message>
    <message>
        <source>No customer has the number {id}.</source>
        <translation>没有户号为 {id} 的客户。</translation>
    </message>
    <message>
        <source>The unit {id} does not exist.</source>
        <translation>供电单位 {id} 不存在。</translation>
    </message>
    <message>
        <source>No notice has the number {id}.</source>
        <translation>没有编号为 {id} 的通知书。</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <source>Customer statement (对账单)</source>
        <translation>客户对账单</translation>
    </message>
    <message>
        <source>Notice: reminder, disconnection, reconnection</source>
        <translation>通知书：催费、停电、复电</translation>
    </message>
    <message>
        <source>Daily collection (日收费报表)</source>
        <translation>日收费报表</translation>
    </message>
    <message>
        <source>Arrears aging (欠费账龄)</source>
        <translation>欠费账龄分析</translation>
    </message>
    <message>
        <source>Disconnect/reconnect log</source>
        <translation>停复电记录</translation>
    </message>
    <message>
        <source>Seal inventory and movements</source>
        <translation>封印库存与流转</translation>
    </message>
    <message>
        <source>Work orders and service times</source>
        <translation>工单与服务时长</translation>
    </message>
    <message>
        <source>Monthly management summary</source>
        <translation>月度经营分析</translation>
    </message>
    <message>
        <source>Who looked at a customer</source>
        <translation>客户信息查阅记录</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>供电单位</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Notice number</source>
        <translation>通知书编号</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>统计日</translation>
    </message>
    <message>
        <source>Month (any day)</source>
        <translation>月份（任选当月一天）</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>10 digits, e.g. 3700000101</source>
        <translation>10 位数字，如 3700000101</translation>
    </message>
    <message>
        <source>e.g. TZ20261100000042</source>
        <translation>如 TZ20261100000042</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部收费员</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Set a temporary password for {name} ({user}). The account is unlocked and must choose a new password at next login.</source>
        <translation>为 {name}（{user}）设置临时密码。账号将同时解锁，下次登录时须修改密码。</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
    <message>
        <source>New</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResolutionDialog</name>
    <message>
        <source>Cancel work order</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>Cancel order {order}: say why.</source>
        <translation>撤销工单 {order}：请说明原因。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Complete work order</source>
        <translation>办结工单</translation>
    </message>
    <message>
        <source>Complete order {order}: what was done?</source>
        <translation>办结工单 {order}：做了哪些处理？</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Reverse payment</source>
        <translation>冲正收费</translation>
    </message>
    <message>
        <source>Reverse the payment with receipt no. {receipt}. The bills it paid become unpaid again and the reversal is recorded with your name and the reason.</source>
        <translation>冲正凭证号为 {receipt} 的收费。该笔收费结清的账单将恢复为未缴，冲正记录会登记您的姓名和原因。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. wrong customer, amount typed wrongly</source>
        <translation>例如：收错客户、金额输错</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SatisfactionSummaryDialog</name>
    <message>
        <source>Satisfaction by unit and kind</source>
        <translation>满意度（按单位和类型）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Satisfied (4-5)</source>
        <translation>满意率（4–5 分）</translation>
    </message>
</context>
<context>
    <name>ScanPay</name>
    <message>
        <source>Opening the order with {channel}…</source>
        <translation>正在向{channel}下单…</translation>
    </message>
    <message>
        <source>{error} The order is still open; it is asked again every second.</source>
        <translation>{error}订单仍未关闭，每秒重新查询一次。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Waiting for the customer to pay {amount} yuan with {channel}.&lt;/b&gt;&lt;br&gt;The code is on the customer display too. The payment and the receipt follow by themselves.&lt;br&gt;{minutes}:{seconds:02d} left · Esc cancels the order.</source>
        <translation>&lt;b&gt;等待客户付款 {amount} 元（{channel}）。&lt;/b&gt;&lt;br&gt;客户显示屏上也显示此二维码。支付后自动入账并打印凭证。&lt;br&gt;剩余 {minutes}:{seconds:02d} · 按 Esc 取消订单。</translation>
    </message>
    <message>
        <source>The customer did not pay in time: the order is closed and nothing was charged. Take the payment another way, or offer the code again (Alt+S).</source>
        <translation>客户未在时限内支付：订单已关闭，未扣款。请改用其他方式收费，或重新出示二维码（Alt+S）。</translation>
    </message>
    <message>
        <source>Scan to pay cancelled: nothing was charged.</source>
        <translation>扫码支付已取消：未扣款。</translation>
    </message>
    <message>
        <source>&amp;Scan to pay</source>
        <translation>扫码支付(&amp;S)</translation>
    </message>
    <message>
        <source>Alt+S: a QR code for the customer to pay with WeChat (or Alipay, when that is the method chosen)</source>
        <translation>Alt+S：出示二维码，客户用微信扫码支付（已选支付宝时用支付宝）</translation>
    </message>
    <message>
        <source>An earlier payment of this customer may already be recorded: press Enter to check it before offering a code.</source>
        <translation>此客户的上一笔缴费可能已经入账：请先按 Enter 核对，再出示二维码。</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <source>No serial port is set for the scanner.</source>
        <translation>扫码枪未设置串口。</translation>
    </message>
    <message>
        <source>The scanner on {port} is back: scans are read again.</source>
        <translation>{port} 上的扫码枪已恢复连接，可以继续扫码。</translation>
    </message>
    <message>
        <source>The scanner on {port} cannot be read ({error}). Check its cable and the port in the scanner settings.</source>
        <translation>无法读取 {port} 上的扫码枪（{error}）。请检查连接线和扫码枪设置中的串口。</translation>
    </message>
    <message>
        <source>The scanner on {port} was disconnected. Plug it in again: it is reopened by itself.</source>
        <translation>{port} 上的扫码枪已断开。请重新插上，系统会自动重新连接。</translation>
    </message>
    <message>
        <source>The scan {code} was not entered as an amount: finish or cancel the payment first, then scan again.</source>
        <translation>扫码内容 {code} 未作为金额录入：请先完成或取消本次收费，再扫码。</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Key after each scan</source>
        <translation>扫码后缀键</translation>
    </message>
    <message>
        <source>Try it here</source>
        <translation>在此试扫</translation>
    </message>
    <message>
        <source>Types like a keyboard (USB HID)</source>
        <translation>键盘模式（USB HID）</translation>
    </message>
    <message>
        <source>Serial port (RS-232 or USB-CDC)</source>
        <translation>串口模式（RS-232 或 USB-CDC）</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车（Enter）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表键（Tab）</translation>
    </message>
    <message>
        <source>e.g. COM3 or /dev/ttyACM0</source>
        <translation>例如 COM3 或 /dev/ttyACM0</translation>
    </message>
    <message>
        <source>Press Test, then scan a barcode</source>
        <translation>点“测试”，然后扫一个条码</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Saved. Scan a barcode now: it shows below.</source>
        <translation>已保存。请现在扫一个条码，结果显示在下方。</translation>
    </message>
    <message>
        <source>Last scan: {code}</source>
        <translation>最近一次扫码：{code}</translation>
    </message>
    <message>
        <source>No scan yet.</source>
        <translation>尚未扫码。</translation>
    </message>
</context>
<context>
    <name>SealScanPanel</name>
    <message>
        <source>Scan the QR code or barcode on a seal, or type its 22-digit number and press Enter. A QR code is checked against the site&apos;s signature.</source>
        <translation>扫描封印上的二维码或条形码，或输入22位编号后按回车。二维码将核验本单位的数字签名。</translation>
    </message>
    <message>
        <source>Scan or type a seal code…</source>
        <translation>扫描或输入封印编码…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履历</translation>
    </message>
    <message>
        <source>Seal number</source>
        <translation>封印编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Type, colour</source>
        <translation>类型、颜色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保管人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>装用时间</translation>
    </message>
</context>
<context>
    <name>Seals</name>
    <message>
        <source>The numbers overlap an existing batch: a seal number is never made twice.</source>
        <translation>号段与已有批次重叠：封印编号不得重复生成。</translation>
    </message>
    <message>
        <source>The range is too large for one step.</source>
        <translation>号段过大，请分次操作。</translation>
    </message>
    <message>
        <source>The first and last numbers belong to different units.</source>
        <translation>起止编号属于不同单位。</translation>
    </message>
    <message>
        <source>The last number comes before the first.</source>
        <translation>截止编号小于起始编号。</translation>
    </message>
    <message>
        <source>Seal {seal_no} has not been issued yet.</source>
        <translation>封印 {seal_no} 尚未领用。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is held by someone else: transfer it first.</source>
        <translation>封印 {seal_no} 由他人保管，请先办理移交。</translation>
    </message>
    <message>
        <source>Seal {seal_no} was scrapped and can never be used again.</source>
        <translation>封印 {seal_no} 已报废，不得再次使用。</translation>
    </message>
    <message>
        <source>Seal {seal_no} was reported lost and can never be used again.</source>
        <translation>封印 {seal_no} 已报失，不得再次使用。</translation>
    </message>
    <message>
        <source>Seal {seal_no} was reported damaged and can never be used again.</source>
        <translation>封印 {seal_no} 已报损，不得再次使用。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is already installed.</source>
        <translation>封印 {seal_no} 已经装用。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is installed on a meter: remove it first.</source>
        <translation>封印 {seal_no} 装在电能表上，请先拆除。</translation>
    </message>
    <message>
        <source>Seal {seal_no} cannot make this move in its present state.</source>
        <translation>封印 {seal_no} 当前状态不允许此操作。</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is already at this position: remove it first.</source>
        <translation>此位置已有封印 {seal_no}：请先拆除。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is not on this meter.</source>
        <translation>封印 {seal_no} 不在此电能表上。</translation>
    </message>
    <message>
        <source>Seal {seal_no} is not installed.</source>
        <translation>封印 {seal_no} 未装用。</translation>
    </message>
    <message>
        <source>Please choose a position.</source>
        <translation>请选择位置。</translation>
    </message>
    <message>
        <source>No seal {seal_no} on record.</source>
        <translation>档案中没有封印 {seal_no}。</translation>
    </message>
    <message>
        <source>No meter or customer has this number.</source>
        <translation>没有此编号的电能表或用户。</translation>
    </message>
    <message>
        <source>Please choose an installer.</source>
        <translation>请选择装拆人员。</translation>
    </message>
    <message>
        <source>Please choose a unit.</source>
        <translation>请选择单位。</translation>
    </message>
    <message>
        <source>The label printer at {host}:{port} did not answer ({detail}).</source>
        <translation>标签打印机 {host}:{port} 无应答（{detail}）。</translation>
    </message>
    <message>
        <source>meter {meter} ({position})</source>
        <translation>电能表 {meter}（{position}）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>封印</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Order state</source>
        <translation>工单状态</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>发现人</translation>
    </message>
    <message>
        <source>(unit drawer)</source>
        <translation>（单位库存）</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>装拆人员</translation>
    </message>
    <message>
        <source>Seals held</source>
        <translation>持有数量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始编号</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止编号</translation>
    </message>
    <message>
        <source>Held since</source>
        <translation>最早领用</translation>
    </message>
    <message>
        <source>Every anomaly an inspection check found, newest first, with the work order it opened for the meter&apos;s unit.</source>
        <translation>现场核查发现的全部封印异常（最新在前），以及为电能表所属单位派发的工单。</translation>
    </message>
    <message>
        <source>Seals issued and not yet installed or returned: each installer answers for theirs, each unit for its drawer.</source>
        <translation>已领用但尚未装用或退库的封印：装拆人员对个人持有负责，单位对单位库存负责。</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Issued to unit</source>
        <translation>已发放至单位</translation>
    </message>
    <message>
        <source>Issued to installer</source>
        <translation>已领用至个人</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>At units</source>
        <translation>单位持有</translation>
    </message>
    <message>
        <source>With installers</source>
        <translation>个人持有</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已装用</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已拆除</translation>
    </message>
    <message>
        <source>Scrapped, lost, damaged</source>
        <translation>报废/遗失/损坏</translation>
    </message>
    <message>
        <source>First number</source>
        <translation>起始号</translation>
    </message>
    <message>
        <source>Last number</source>
        <translation>终止号</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>生产厂家</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>入库时间</translation>
    </message>
    <message>
        <source>Scrapped</source>
        <translation>已报废</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已遗失</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>铅封</translation>
    </message>
    <message>
        <source>Plastic</source>
        <translation>塑料封</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>电子封印</translation>
    </message>
    <message>
        <source>Meter cover</source>
        <translation>表盖</translation>
    </message>
    <message>
        <source>Terminal cover</source>
        <translation>端钮盒盖</translation>
    </message>
    <message>
        <source>Metering box</source>
        <translation>计量箱</translation>
    </message>
    <message>
        <source>CT/PT</source>
        <translation>互感器</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Mismatch — seal from elsewhere</source>
        <translation>不符——他处封印</translation>
    </message>
    <message>
        <source>Missing — not found on the meter</source>
        <translation>缺失——表上未见</translation>
    </message>
    <message>
        <source>Unknown — no such seal on record</source>
        <translation>未知——无此封印档案</translation>
    </message>
    <message>
        <source>Forged — signature does not verify</source>
        <translation>伪造——签名验证失败</translation>
    </message>
    <message>
        <source>On record on this meter, not found</source>
        <translation>登记在本表，但现场未找到</translation>
    </message>
    <message>
        <source>No such seal on record</source>
        <translation>无此封印记录</translation>
    </message>
    <message>
        <source>Signed with a revoked key: not proof of a genuine seal</source>
        <translation>由已吊销的密钥签名：不能证明封印为真</translation>
    </message>
    <message>
        <source>The QR signature does not verify</source>
        <translation>二维码签名验证不通过</translation>
    </message>
    <message>
        <source>Recorded as {state}</source>
        <translation>登记状态：{state}</translation>
    </message>
    <message>
        <source>, on meter {meter} ({position})</source>
        <translation>，在电能表 {meter}（{position}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>installed on meter {meter}, {position}</source>
        <translation>装于电能表 {meter}，{position}</translation>
    </message>
    <message>
        <source>Genuine, but recorded as {state}</source>
        <translation>真品，但档案状态为“{state}”</translation>
    </message>
    <message>
        <source>This seal must not be on a meter: keep it and report it.</source>
        <translation>此封印不应出现在电能表上：请留存并上报。</translation>
    </message>
    <message>
        <source>Genuine seal</source>
        <translation>真品封印</translation>
    </message>
    <message>
        <source>The signature verifies (key {key}). Seal {seal}: {where}.</source>
        <translation>签名验证通过（密钥 {key}）。封印 {seal}：{where}。</translation>
    </message>
    <message>
        <source>FORGED — the signature does not verify</source>
        <translation>伪造——签名验证失败</translation>
    </message>
    <message>
        <source>This QR code was not signed by this site. Keep the seal as evidence; the scan has been recorded.</source>
        <translation>此二维码不是本单位签发的。请留存封印作为证据；本次扫描已记录。</translation>
    </message>
    <message>
        <source>REVOKED KEY — not proof of a genuine seal</source>
        <translation>密钥已吊销 — 不能证明封印为真</translation>
    </message>
    <message>
        <source>This QR code was signed with key {key}, which the administrator revoked as compromised: anyone may have made it. Keep the seal and report it; the scan has been recorded.</source>
        <translation>此二维码由密钥 {key} 签名，该密钥已被管理员作为泄露密钥吊销：任何人都可能伪造它。请保留封印并上报；本次扫描已记录。</translation>
    </message>
    <message>
        <source>Seal {seal} is on record</source>
        <translation>封印 {seal} 在档</translation>
    </message>
    <message>
        <source>State: {where}. A barcode carries no signature: scan the QR code to check the seal is genuine.</source>
        <translation>状态：{where}。条形码不含签名：请扫描二维码核验真伪。</translation>
    </message>
    <message>
        <source>Unknown seal {seal}</source>
        <translation>未知封印 {seal}</translation>
    </message>
    <message>
        <source>The number is well-formed but no batch of this site contains it.</source>
        <translation>编号格式正确，但本单位没有任何批次包含此编号。</translation>
    </message>
    <message>
        <source>Not a seal code</source>
        <translation>不是封印编码</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is neither a seal&apos;s QR code nor a 22-digit seal number with a valid check digit. Nothing was changed.</source>
        <translation>“{text}”既不是封印二维码，也不是校验位正确的22位封印编号。未做任何更改。</translation>
    </message>
    <message>
        <source>Seal from elsewhere</source>
        <translation>他处封印</translation>
    </message>
    <message>
        <source>Seal missing</source>
        <translation>封印缺失</translation>
    </message>
    <message>
        <source>Unknown seal</source>
        <translation>未知封印</translation>
    </message>
    <message>
        <source>Forged seal</source>
        <translation>伪造封印</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黑</translation>
    </message>
    <message>
        <source>{seal}   (QR code)</source>
        <translation>{seal}   （二维码）</translation>
    </message>
    <message>
        <source>Seal number</source>
        <translation>封印编号</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>SealsPanel</name>
    <message>
        <source>Scan and verify</source>
        <translation>扫描验真</translation>
    </message>
    <message>
        <source>Inspection check</source>
        <translation>现场核查</translation>
    </message>
    <message>
        <source>Install and remove</source>
        <translation>装拆登记</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次管理</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Installer holdings</source>
        <translation>个人持有</translation>
    </message>
    <message>
        <source>Inventory count</source>
        <translation>库存盘点</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <source>Lock an idle console after:</source>
        <translation>无人操作锁定时间：</translation>
    </message>
    <message>
        <source>Passwords at least:</source>
        <translation>密码最短：</translation>
    </message>
    <message>
        <source>Not one of the last:</source>
        <translation>不得重复最近：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source> passwords</source>
        <translation> 次密码</translation>
    </message>
    <message>
        <source>A password may not contain the user name</source>
        <translation>密码不得包含用户名</translation>
    </message>
    <message>
        <source>A password needs letters and digits</source>
        <translation>密码须同时包含字母和数字</translation>
    </message>
    <message>
        <source>Consoles opened from now on lock after this idle time; the rules apply to every new, changed or reset password. Only password hashes are kept for the history.</source>
        <translation>此后打开的控制台按此时间无人操作后锁定；规则适用于每个新建、修改或重置的密码。密码历史只保存密码的哈希值。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Preparing the database...</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <source>Connecting to the database...</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <source>Refreshing the demo database ({percent} %)... {stage}</source>
        <translation>正在刷新演示数据库（{percent} %）… {stage}</translation>
    </message>
    <message>
        <source>First start: creating the demo database ({percent} %)... {stage}</source>
        <translation>首次启动：正在创建演示数据库（{percent}%）… {stage}</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk 供电营业厅运营台</translation>
    </message>
    <message>
        <source>The demo data describes {date}: debts, readings and bills stop on that day. Load it again as of today? What was done in the demo since is replaced.</source>
        <translation>演示数据描述的是 {date}：欠费、读数和账单都停在那一天。是否按今天重新生成演示数据？此后在演示中所做的操作将被替换。</translation>
    </message>
    <message>
        <source>Refresh the demo</source>
        <translation>刷新演示数据</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>{actor}, {time}</source>
        <translation>{actor}，{time}</translation>
    </message>
    <message>
        <source>customers the demo did not load: {count}</source>
        <translation>演示数据之外的客户：{count} 户</translation>
    </message>
    <message>
        <source>data the demo did not write</source>
        <translation>不是演示数据写入的数据</translation>
    </message>
    <message>
        <source>The demo data describes {date}, but somebody has worked in it since ({first}). It is kept as it is and will not be replaced by a demo of today.</source>
        <translation>演示数据停在 {date}，但此后已有人在其中办理过业务（{first}）。演示数据原样保留，不会被替换为今天的演示数据。</translation>
    </message>
    <message>
        <source>Open it as it is</source>
        <translation>按原样打开</translation>
    </message>
    <message>
        <source>clearing an unfinished start</source>
        <translation>清理未完成的首次启动</translation>
    </message>
    <message>
        <source>units and staff</source>
        <translation>供电单位和员工</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备</translation>
    </message>
    <message>
        <source>meter readings</source>
        <translation>电表读数</translation>
    </message>
    <message>
        <source>bills</source>
        <translation>电费账单</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>payment allocations</source>
        <translation>缴费核销</translation>
    </message>
    <message>
        <source>ledger</source>
        <translation>账务明细</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <source>seals</source>
        <translation>封印</translation>
    </message>
    <message>
        <source>prepaid accounts</source>
        <translation>预付费账户</translation>
    </message>
    <message>
        <source>receipt numbers</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <source>work orders and notices</source>
        <translation>工单和通知</translation>
    </message>
    <message>
        <source>indexes</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>The demo data is not part of this installation, so the built-in database has no accounts yet. Start GridDesk with --db and your site&apos;s database URL.</source>
        <translation>本安装未包含演示数据，内置数据库中还没有任何账号。请使用 --db 参数指定本单位的数据库地址启动 GridDesk。</translation>
    </message>
</context>
<context>
    <name>Switch</name>
    <message>
        <source>Disconnect</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>复电</translation>
    </message>
    <message>
        <source>Alarm on</source>
        <translation>告警开启</translation>
    </message>
    <message>
        <source>Alarm off</source>
        <translation>告警解除</translation>
    </message>
    <message>
        <source>Power guarantee on (保电)</source>
        <translation>保电投入</translation>
    </message>
    <message>
        <source>Power guarantee off</source>
        <translation>保电解除</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Customer request</source>
        <translation>客户申请</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Account closure</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴费</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Sent to meter</source>
        <translation>已下发</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>通信正常</translation>
    </message>
    <message>
        <source>Not answering</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <source>the meter did not answer in time</source>
        <translation>电能表应答超时</translation>
    </message>
    <message>
        <source>the meter&apos;s reply was garbled</source>
        <translation>电能表应答报文错误</translation>
    </message>
    <message>
        <source>another meter answered (wrong address)</source>
        <translation>其他表应答（地址错误）</translation>
    </message>
    <message>
        <source>no connection to the meter&apos;s serial server</source>
        <translation>无法连接电能表的串口服务器</translation>
    </message>
    <message>
        <source>the meter refused the command</source>
        <translation>电能表拒绝执行指令</translation>
    </message>
    <message>
        <source>the meter rejected the operator password</source>
        <translation>电能表拒绝操作员密码</translation>
    </message>
    <message>
        <source>the meter&apos;s endpoint is not valid</source>
        <translation>电能表的通信端点无效</translation>
    </message>
    <message>
        <source>the meter&apos;s status word never showed the change</source>
        <translation>电能表状态字未显示变化</translation>
    </message>
    <message>
        <source>the collector stopped before the meter acted</source>
        <translation>采集服务在电能表动作前停止</translation>
    </message>
    <message>
        <source>the meter has no relay</source>
        <translation>电能表没有继电器</translation>
    </message>
    <message>
        <source>not sent in time</source>
        <translation>未能按时下发</translation>
    </message>
    <message>
        <source>expired before it was sent</source>
        <translation>下发前已过期</translation>
    </message>
    <message>
        <source>the customer paid</source>
        <translation>客户已缴费</translation>
    </message>
    <message>
        <source>stopped by a rule: {rule}</source>
        <translation>被规则拦截：{rule}</translation>
    </message>
    <message>
        <source>there is no such customer</source>
        <translation>没有该客户</translation>
    </message>
    <message>
        <source>the account is closed</source>
        <translation>该户已销户</translation>
    </message>
    <message>
        <source>the customer has no meter in service</source>
        <translation>该客户没有在运电能表</translation>
    </message>
    <message>
        <source>the meter is not in service</source>
        <translation>电能表不在运行状态</translation>
    </message>
    <message>
        <source>the meter is not this customer&apos;s</source>
        <translation>该电能表不属于此客户</translation>
    </message>
    <message>
        <source>the meter has no relay to switch</source>
        <translation>该电能表没有可控的继电器</translation>
    </message>
    <message>
        <source>another command is open on the meter</source>
        <translation>该表已有未完成的指令</translation>
    </message>
    <message>
        <source>a command is on its way to the meter</source>
        <translation>已有指令正在下发到电能表</translation>
    </message>
    <message>
        <source>you cannot approve your own request: another supervisor must (four eyes)</source>
        <translation>不能审批自己提交的申请，须由另一位主管审批（双人复核）</translation>
    </message>
    <message>
        <source>the request has expired</source>
        <translation>该申请已过期</translation>
    </message>
    <message>
        <source>the command was already decided</source>
        <translation>该指令已处理</translation>
    </message>
    <message>
        <source>nobody approved this disconnect</source>
        <translation>无人批准此停电命令</translation>
    </message>
    <message>
        <source>a reason is required</source>
        <translation>必须填写原因</translation>
    </message>
    <message>
        <source>a reconnect after payment cannot be cancelled</source>
        <translation>缴费后的复电不能撤销</translation>
    </message>
    <message>
        <source>only a failed or expired command can be retried</source>
        <translation>只有失败或过期的指令才能重试</translation>
    </message>
    <message>
        <source>a newer command for the meter exists</source>
        <translation>该表已有更新的指令</translation>
    </message>
    <message>
        <source>there is no such command</source>
        <translation>没有该指令</translation>
    </message>
    <message>
        <source>the customer is protected</source>
        <translation>该客户为保障用户</translation>
    </message>
    <message>
        <source>the customer&apos;s category is protected</source>
        <translation>该客户类别受保护</translation>
    </message>
    <message>
        <source>the meter is under power guarantee (保电)</source>
        <translation>该表处于保电状态</translation>
    </message>
    <message>
        <source>the arrears are paid</source>
        <translation>欠费已结清</translation>
    </message>
    <message>
        <source>no disconnect notice was served</source>
        <translation>未送达停电通知</translation>
    </message>
    <message>
        <source>the disconnect notice is not delivered yet (its period starts on delivery)</source>
        <translation>停电通知书尚未送达（通知期自送达起算）</translation>
    </message>
    <message>
        <source>the notice period is not over</source>
        <translation>通知期尚未届满</translation>
    </message>
    <message>
        <source>the 30-minute reminder was not sent</source>
        <translation>未发送停电前30分钟提醒</translation>
    </message>
    <message>
        <source>the 30-minute reminder period is not over</source>
        <translation>停电前30分钟提醒期未满</translation>
    </message>
    <message>
        <source>disconnections are suspended (blackout declared)</source>
        <translation>已宣布暂停停电（停电禁令期）</translation>
    </message>
    <message>
        <source>no disconnections on a public holiday</source>
        <translation>法定节假日不停电</translation>
    </message>
    <message>
        <source>no disconnections at weekends</source>
        <translation>周末不停电</translation>
    </message>
    <message>
        <source>no disconnections in quiet hours</source>
        <translation>禁止停电时段内不停电</translation>
    </message>
    <message>
        <source>the unit&apos;s hourly cap on disconnections is reached</source>
        <translation>本单位每小时停电数已达上限</translation>
    </message>
    <message>
        <source>the customer is not in your units</source>
        <translation>该客户不属于您的供电单位</translation>
    </message>
    <message>
        <source>the supply is already cut off</source>
        <translation>该户已停电</translation>
    </message>
    <message>
        <source>Refused: {why}.</source>
        <translation>已拒绝：{why}。</translation>
    </message>
    <message>
        <source>Possible from {when}.</source>
        <translation>{when} 起可行。</translation>
    </message>
    <message>
        <source>Send the 30-minute reminder with the request.</source>
        <translation>可随申请一并发送停电前30分钟提醒。</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
</context>
<context>
    <name>TariffsPanel</name>
    <message>
        <source>New version...</source>
        <translation>新版本...</translation>
    </message>
    <message>
        <source>A new version of the selected tariff, from a later day on</source>
        <translation>为所选电价新建一个自以后某日起生效的版本</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>用户类别</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Effective to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>until replaced</source>
        <translation>至被替代</translation>
    </message>
    <message>
        <source>Price (yuan/kWh)</source>
        <translation>电价（元/千瓦时）</translation>
    </message>
    <message>
        <source>Tiers (kWh a year: yuan/kWh)</source>
        <translation>阶梯（年千瓦时：元/千瓦时）</translation>
    </message>
    <message>
        <source>Tiered</source>
        <translation>阶梯电价</translation>
    </message>
    <message>
        <source>Time of use</source>
        <translation>分时电价</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>单一电价</translation>
    </message>
    <message>
        <source>Saved: tariff {code} from {day}; the previous version ends the day before.</source>
        <translation>已保存：电价 {code} 自 {day} 起生效，上一版本于前一天结束。</translation>
    </message>
</context>
<context>
    <name>Theft</name>
    <message>
        <source>use fell {drop}% for {days} days: {before} → {after} kWh/day (similar customers {peers} kWh/day)</source>
        <translation>用电量下降 {drop}% 已持续 {days} 天：{before} → {after} 千瓦时/天（同类用户 {peers} 千瓦时/天）</translation>
    </message>
    <message>
        <source>almost no use ({kwh} kWh/day for {days} days) with the relay closed</source>
        <translation>继电器合闸但几乎无用电（{days} 天内 {kwh} 千瓦时/天）</translation>
    </message>
    <message>
        <source>reverse energy: {negative} readings with negative power, {down} register decreases</source>
        <translation>反向电量：{negative} 次读数功率为负，示数回退 {down} 次</translation>
    </message>
    <message>
        <source>phase currents unbalanced in {share}% of {readings} readings</source>
        <translation>{readings} 次读数中 {share}% 三相电流不平衡</translation>
    </message>
    <message>
        <source>seals found broken or lost this year: {count}</source>
        <translation>今年发现封印损坏或丢失：{count} 枚</translation>
    </message>
    <message>
        <source>earlier inspection findings of tampering: {count}</source>
        <translation>以往检查发现窃电痕迹：{count} 次</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>TouPlot</name>
    <message>
        <source>Sharp</source>
        <translation>尖</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>No readings in this period</source>
        <translation>本时段内没有读数</translation>
    </message>
    <message>
        <source>{start} – {end} · total {total} kWh</source>
        <translation>{start} – {end} · 合计 {total} kWh</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>UsageInspectionPanel</name>
    <message>
        <source>Run analysis</source>
        <translation>开始分析</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open inspection orders</source>
        <translation>开具稽查工单</translation>
    </message>
    <message>
        <source>One inspection order per selected suspect</source>
        <translation>为每个选中的嫌疑户开具一张稽查工单</translation>
    </message>
    <message>
        <source>Export route…</source>
        <translation>导出路线…</translation>
    </message>
    <message>
        <source>Import results…</source>
        <translation>导入结果…</translation>
    </message>
    <message>
        <source>Findings…</source>
        <translation>稽查发现…</translation>
    </message>
    <message>
        <source>Conflicts…</source>
        <translation>冲突…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>稽查工单</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Analysis cancelled; the list is unchanged.</source>
        <translation>分析已取消，列表未变。</translation>
    </message>
    <message>
        <source>Run the analysis to rank meters by signs of theft.</source>
        <translation>运行分析，按窃电迹象为电能表排序。</translation>
    </message>
    <message>
        <source>No readings to analyse yet.</source>
        <translation>尚无可分析的读数。</translation>
    </message>
    <message>
        <source>{meters} meters, readings up to {as_of}: {suspects} suspects ({seconds:.1f} s)</source>
        <translation>{meters} 块电能表，读数截至 {as_of}：嫌疑 {suspects} 户（{seconds:.1f} 秒）</translation>
    </message>
    <message numerus="yes">
        <source>%n suspect(s) selected</source>
        <translation>
            <numerusform>已选 %n 个嫌疑户</numerusform>
        </translation>
    </message>
    <message>
        <source>Theft analysis, score {score}: {reasons}</source>
        <translation>窃电嫌疑分析，分值 {score}：{reasons}</translation>
    </message>
    <message numerus="yes">
        <source>%n inspection order(s) opened</source>
        <translation>
            <numerusform>已开具 %n 张稽查工单</numerusform>
        </translation>
    </message>
    <message>
        <source>(already open for {customers})</source>
        <translation>（{customers} 已有未完成的稽查工单）</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
</context>
<context>
    <name>WorkOrderSteps</name>
    <message>
        <source>Loading...</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{value} kWh on {time}</source>
        <translation>{value} kWh（{time}）</translation>
    </message>
    <message>
        <source>no reading yet</source>
        <translation>尚无示数</translation>
    </message>
    <message>
        <source>Last reading: {last}</source>
        <translation>最近示数：{last}</translation>
    </message>
    <message>
        <source>Seals: {seals}</source>
        <translation>封印：{seals}</translation>
    </message>
</context>
<context>
    <name>WorkOrders</name>
    <message>
        <source>Meter replacement</source>
        <translation>换表</translation>
    </message>
    <message>
        <source>Account closure</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新装</translation>
    </message>
    <message>
        <source>Usage inspection</source>
        <translation>用电检查</translation>
    </message>
    <message>
        <source>Seal anomaly check</source>
        <translation>封印异常核查</translation>
    </message>
    <message>
        <source>Complaint or enquiry</source>
        <translation>投诉咨询</translation>
    </message>
    <message>
        <source>Counter visit</source>
        <translation>到厅服务</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待派工</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Seal check</source>
        <translation>封印核查</translation>
    </message>
    <message>
        <source>Cost control</source>
        <translation>费控</translation>
    </message>
    <message>
        <source>Theft analysis</source>
        <translation>窃电分析</translation>
    </message>
    <message>
        <source>Field inspection</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>{time} (overdue)</source>
        <translation>{time}（已超期）</translation>
    </message>
    <message>
        <source>The reading {value} is lower than the meter&apos;s last reading {last}. Check the register.</source>
        <translation>示数 {value} 低于该表上次示数 {last}，请核对表码。</translation>
    </message>
    <message>
        <source>The meter has a reading at or after this time already.</source>
        <translation>该表在此时间或之后已有示数。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a meter reading: type kWh with at most two decimals, e.g. 1234.56.</source>
        <translation>“{value}”不是有效示数：请输入千瓦时数，最多两位小数，如 1234.56。</translation>
    </message>
    <message>
        <source>A meter replacement or closure is completed with its steps (readings, seals, bill).</source>
        <translation>换表和销户工单须按步骤办结（示数、封印、电费）。</translation>
    </message>
    <message>
        <source>Order {order} of this kind is still open for the customer.</source>
        <translation>该客户已有同类工单 {order} 未办结。</translation>
    </message>
    <message>
        <source>The order is {state} now: refresh the list.</source>
        <translation>工单当前为“{state}”，请刷新列表。</translation>
    </message>
    <message>
        <source>Please write what was done or why.</source>
        <translation>请填写处理结果或原因。</translation>
    </message>
    <message>
        <source>The customer has no meter in service.</source>
        <translation>该客户没有在运电能表。</translation>
    </message>
    <message>
        <source>Meter {value} is not in stock: it is installed elsewhere or removed.</source>
        <translation>电能表 {value} 不在库：已在别处安装或已拆除。</translation>
    </message>
    <message>
        <source>The new meter needs a valid 22-digit asset number and a 12-digit address.</source>
        <translation>新表需要有效的 22 位资产编号和 12 位通信地址。</translation>
    </message>
    <message>
        <source>Another meter has address {value}.</source>
        <translation>另一块表已使用地址 {value}。</translation>
    </message>
    <message>
        <source>There is no seal {value}.</source>
        <translation>没有封印 {value}。</translation>
    </message>
    <message>
        <source>Seal {value} cannot be installed: it is {state}.</source>
        <translation>封印 {value} 不能安装：当前状态为 {state}。</translation>
    </message>
    <message>
        <source>Two seals at one position.</source>
        <translation>同一位置不能有两个封印。</translation>
    </message>
    <message>
        <source>The final reading does not fit the meter&apos;s history; a supervisor reviews it first.</source>
        <translation>最终示数与该表历史不符，须先由班长审核。</translation>
    </message>
    <message>
        <source>This month is billed already for the customer.</source>
        <translation>该客户本月已出账。</translation>
    </message>
    <message>
        <source>This order has its rating already.</source>
        <translation>该工单已评价。</translation>
    </message>
    <message>
        <source>Only a finished order can be rated.</source>
        <translation>只有已办结的工单才能评价。</translation>
    </message>
    <message>
        <source>Choose a rating from 1 to 5.</source>
        <translation>请选择 1 到 5 分。</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPanel</name>
    <message>
        <source>All open</source>
        <translation>全部未办结</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>只看超期(&amp;O)</translation>
    </message>
    <message>
        <source>Satisfaction by unit...</source>
        <translation>满意度统计...</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation>重新读取列表（F5）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Assign...</source>
        <translation>派工…</translation>
    </message>
    <message>
        <source>Complete...</source>
        <translation>办结…</translation>
    </message>
    <message>
        <source>Cancel order...</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Satisfaction...</source>
        <translation>满意度…</translation>
    </message>
    <message>
        <source>Take the order and start it (Enter)</source>
        <translation>接单并开始处理（回车）</translation>
    </message>
    <message>
        <source>Complete it; a replacement or closure runs its steps (Enter)</source>
        <translation>办结；换表和销户按步骤办理（回车）</translation>
    </message>
    <message>
        <source>Cancel with a reason (Delete)</source>
        <translation>说明原因后撤销（Delete）</translation>
    </message>
    <message>
        <source>Open the customer (Ctrl+O, double-click)</source>
        <translation>打开客户（Ctrl+O，双击）</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>限办时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Opened {time} by {who}</source>
        <translation>{time} 由 {who} 建立</translation>
    </message>
    <message>
        <source>Meter {asset}</source>
        <translation>电能表 {asset}</translation>
    </message>
    <message>
        <source>Resolution: {text}</source>
        <translation>处理结果：{text}</translation>
    </message>
    <message>
        <source>Order {order}: {state}</source>
        <translation>工单 {order}：{state}</translation>
    </message>
</context>
<context>
    <name>WorkstationSettingsDialog</name>
    <message>
        <source>Receipt printer and drawer</source>
        <translation>小票打印机和钱箱</translation>
    </message>
    <message>
        <source>Workstation settings</source>
        <translation>本机设备设置</translation>
    </message>
</context>
</TS>
