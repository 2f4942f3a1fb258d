<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="43"/>
        <location filename="../../hallapp/ui/admin/queues.py" line="36"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="44"/>
        <location filename="../../hallapp/ui/admin/queues.py" line="37"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="57"/>
        <source>不限（本队列任一事项）</source>
        <translation>Any (any item of the queue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="64"/>
        <location filename="../../hallapp/ui/admin/windows.py" line="42"/>
        <location filename="../../hallapp/ui/admin/models.py" line="79"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="65"/>
        <source>时段</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="66"/>
        <source>限定事项</source>
        <translation>Kept for item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="67"/>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="68"/>
        <source>已约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="69"/>
        <source>余量</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="43"/>
        <source>优先级（1 最先）</source>
        <translation>Precedence (1 = first)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="44"/>
        <source>比例</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="42"/>
        <location filename="../../hallapp/ui/admin/models.py" line="75"/>
        <source>实施编码</source>
        <translation>Implementation code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="43"/>
        <source>基本编码</source>
        <translation>Base code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="44"/>
        <location filename="../../hallapp/ui/admin/models.py" line="76"/>
        <location filename="../../hallapp/ui/admin/models.py" line="97"/>
        <source>事项名称</source>
        <translation>Item name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="23"/>
        <location filename="../../hallapp/ui/admin/item_form.py" line="45"/>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="53"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="46"/>
        <source>子项</source>
        <translation>Sub-item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="47"/>
        <source>检索关键词</source>
        <translation>Search keywords</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="48"/>
        <source>英文检索关键词</source>
        <translation>English search keywords</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="49"/>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="50"/>
        <source>收费标准（英文）</source>
        <translation>Fee (English)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="51"/>
        <source>收费依据</source>
        <translation>Fee basis</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="52"/>
        <source>办理条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="53"/>
        <source>办理条件（英文）</source>
        <translation>Conditions (English)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="54"/>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="55"/>
        <source>办理流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="56"/>
        <source>表单要素</source>
        <translation>Form elements</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="59"/>
        <source>马上办</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="60"/>
        <source>网上办</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="61"/>
        <source>就近办</source>
        <translation>Nearby</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="62"/>
        <source>一次办</source>
        <translation>One visit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="63"/>
        <source>允许容缺受理</source>
        <translation>Allow pending materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="64"/>
        <source>允许告知承诺制</source>
        <translation>Allow written commitment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="65"/>
        <source>支持预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="66"/>
        <source>支持快递送达</source>
        <translation>Express delivery</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="67"/>
        <source>自然人</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="68"/>
        <source>法人</source>
        <translation>Legal entity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="136"/>
        <source>事项类型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="137"/>
        <source>实施部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="138"/>
        <source>取号队列</source>
        <translation>Ticket queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="153"/>
        <source>法定时限</source>
        <translation>Statutory limit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="154"/>
        <location filename="../../hallapp/ui/admin/models.py" line="98"/>
        <source>承诺时限</source>
        <translation>Promised limit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="155"/>
        <location filename="../../hallapp/ui/admin/models.py" line="80"/>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="156"/>
        <source>到现场次数</source>
        <translation>Visits required</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="158"/>
        <source>标准办理时长（分钟）</source>
        <translation>Standard service time (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="21"/>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="51"/>
        <location filename="../../hallapp/ui/admin/models.py" line="119"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="52"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="54"/>
        <source>必需</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="55"/>
        <source>主审要件</source>
        <translation>Core</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="56"/>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="57"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="58"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="59"/>
        <source>原件和复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="60"/>
        <source>电子件</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="61"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="62"/>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="63"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="64"/>
        <source>申请人提供</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="65"/>
        <source>部门核发</source>
        <translation>Issued by an office</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="66"/>
        <source>在线核验</source>
        <translation>Verified online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="67"/>
        <source>可承诺替代</source>
        <translation>Commitment may replace</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="69"/>
        <source>列入证明清单</source>
        <translation>Listed proof</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="70"/>
        <source>证明依据</source>
        <translation>Proof basis</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="71"/>
        <source>具体要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="72"/>
        <source>具体要求（英文）</source>
        <translation>Requirement (English)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="73"/>
        <source>获取途径</source>
        <translation>Where to get it</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="74"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="38"/>
        <source>限额</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="29"/>
        <source>即办件</source>
        <translation>On-the-spot item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="30"/>
        <source>承诺件</source>
        <translation>Time-limited item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="31"/>
        <source>个工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="32"/>
        <source>个自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="33"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="34"/>
        <source>当场办结</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="35"/>
        <source>综合窗口</source>
        <translation>Comprehensive window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="36"/>
        <source>专业窗口</source>
        <translation>Specialised window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="37"/>
        <source>出件窗口</source>
        <translation>Hand-out window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="38"/>
        <source>按优先级</source>
        <translation>By precedence</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="39"/>
        <source>按比例</source>
        <translation>By ratio</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="40"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="40"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="41"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="41"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="42"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="42"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="43"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="77"/>
        <location filename="../../hallapp/ui/admin/models.py" line="96"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="78"/>
        <location filename="../../hallapp/ui/admin/models.py" line="180"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="81"/>
        <location filename="../../hallapp/ui/admin/models.py" line="99"/>
        <source>材料数</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="100"/>
        <location filename="../../hallapp/ui/admin/models.py" line="182"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="109"/>
        <source>生效中</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="110"/>
        <source>历史版本</source>
        <translation>Earlier version</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="120"/>
        <source>队列名称</source>
        <translation>Queue name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="121"/>
        <source>号码前缀</source>
        <translation>Prefix</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="122"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="123"/>
        <source>每日限额</source>
        <translation>Daily quota</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="124"/>
        <source>分时段限额</source>
        <translation>Time-slot quotas</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="125"/>
        <source>目标等候(分)</source>
        <translation>Target wait (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="134"/>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="140"/>
        <source>部门编码</source>
        <translation>Dept. code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="141"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="146"/>
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="22"/>
        <location filename="../../hallapp/ui/admin/models.py" line="147"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="148"/>
        <location filename="../../hallapp/ui/admin/models.py" line="204"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="149"/>
        <source>叫号方式</source>
        <translation>Call mode</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="150"/>
        <source>服务队列</source>
        <translation>Queues served</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="151"/>
        <source>当前状态</source>
        <translation>Current state</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="152"/>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="153"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="154"/>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="177"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="178"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="179"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="181"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="192"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="194"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="195"/>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="166"/>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="203"/>
        <source>终端名称</source>
        <translation>Terminal name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="205"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="206"/>
        <source>纸宽(毫米)</source>
        <translation>Roll (mm)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="207"/>
        <source>返回首页(秒)</source>
        <translation>Idle return (s)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="208"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="209"/>
        <source>自助取号机</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="210"/>
        <source>综合屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="211"/>
        <source>窗口工作台</source>
        <translation>Counter desk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="212"/>
        <source>评价器</source>
        <translation>Rating pad</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="230"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="231"/>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="232"/>
        <source>安排</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="233"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="242"/>
        <source>上班</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="243"/>
        <source>休息</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="249"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="250"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="251"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="252"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="253"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="254"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/models.py" line="255"/>
        <source>对象编号</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="49"/>
        <source>JSON 格式错误：{0}</source>
        <translation>Invalid JSON: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="52"/>
        <source>JSON 顶层应为对象</source>
        <translation>The JSON top level must be an object</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/base.py" line="94"/>
        <source>应大于 0（当场办结的事项请选单位“当场办结”）</source>
        <translation>Must be more than 0 (for an item completed on the spot, choose &quot;On the spot&quot;).</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/base.py" line="95"/>
        <source>即办件的承诺时限单位应为“当场办结”</source>
        <translation>An on-the-spot item&apos;s promised time limit must be &quot;On the spot&quot;.</translation>
    </message>
</context>
<context>
    <name>AdminPinDialog</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/pin.py" line="28"/>
        <source>管理员验证</source>
        <translation>Administrator check</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/pin.py" line="30"/>
        <source>请输入管理员密码</source>
        <translation>Enter the administrator PIN</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/pin.py" line="37"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/pin.py" line="39"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminSettings</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="85"/>
        <source>重呼次数上限</source>
        <translation>Maximum recalls</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="86"/>
        <source>过号后可重新激活的分钟数</source>
        <translation>Minutes a no-show can be reactivated</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="87"/>
        <source>过号激活后排在其后的人数</source>
        <translation>Tickets ahead of a reactivated no-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="88"/>
        <source>连续优先叫号上限</source>
        <translation>Maximum consecutive priority calls</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="89"/>
        <source>低优先级队列最长等候（分钟，0 为不启用）</source>
        <translation>Longest wait of a low-precedence queue (min, 0 = off)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="90"/>
        <source>办件预警（剩余工作日）</source>
        <translation>Case warning (working days left)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="91"/>
        <source>差评整改期限（工作日）</source>
        <translation>Follow-up deadline for poor ratings (working days)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="92"/>
        <source>回执上隐去申请人姓名</source>
        <translation>Mask applicant names on receipts</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="93"/>
        <source>叫号播报模板</source>
        <translation>Call announcement template</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="94"/>
        <source>叫号播报次数</source>
        <translation>Times each call is announced</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="95"/>
        <source>叫号时加播英文</source>
        <translation>Also announce calls in English</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="96"/>
        <source>综合屏滚动通知</source>
        <translation>Hall display scrolling notice</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="97"/>
        <source>自助机管理密码</source>
        <translation>Kiosk admin PIN</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="98"/>
        <source>等候超过目标的倍数告警</source>
        <translation>Alert when wait exceeds target by a factor of</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="99"/>
        <source>办理超过标准时长的倍数告警</source>
        <translation>Alert when service exceeds standard time by a factor of</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="100"/>
        <source>窗口空闲告警（分钟，有人等候时）</source>
        <translation>Alert when a window is idle while people wait (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="101"/>
        <source>差评提醒保留（分钟）</source>
        <translation>Keep a poor-rating alert for (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="102"/>
        <source>预约失约上限（0 为不限）</source>
        <translation>Missed bookings limit (0: off)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="103"/>
        <source>失约统计天数</source>
        <translation>Missed bookings, days</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="49"/>
        <location filename="../../hallapp/ui/admin/window.py" line="72"/>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="73"/>
        <source>管理员：{0}</source>
        <translation>Administrator: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="79"/>
        <source>数据库连接中断，正在重试；此时的修改不会保存</source>
        <translation>Database connection lost, retrying; changes made now will not be saved</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="84"/>
        <source>事项目录</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="84"/>
        <source>队列</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="84"/>
        <source>窗口与工作配置</source>
        <translation>Windows and profiles</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="84"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="85"/>
        <source>开放时间与日历</source>
        <translation>Hours and calendar</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="85"/>
        <source>终端设备</source>
        <translation>Terminals</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="85"/>
        <source>预约时段</source>
        <translation>Appointment slots</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="86"/>
        <source>大厅设置</source>
        <translation>Hall settings</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="86"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="86"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/window.py" line="119"/>
        <source>{0} · 管理</source>
        <translation>{0} · Administration</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="210"/>
        <source>自然人</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="211"/>
        <source>法人或其他组织</source>
        <translation>Legal entity or organisation</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="213"/>
        <source>单位名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="213"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="214"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="214"/>
        <source>身份证号码</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="215"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="215"/>
        <source>代理人姓名</source>
        <translation>Agent name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="216"/>
        <source>代理人身份证</source>
        <translation>Agent ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="217"/>
        <source>授权委托书</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="217"/>
        <source>代理人电话</source>
        <translation>Agent phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="220"/>
        <source>由代理人办理（须授权委托书）</source>
        <translation>Via an agent (power of attorney needed)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="221"/>
        <source>委托书编号或日期</source>
        <translation>Power of attorney number or date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="256"/>
        <source>{0}不能为空</source>
        <translation>{0} is required</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="52"/>
        <source>现由 {0} 使用。</source>
        <translation>is in use by {0}.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="53"/>
        <source>现无人使用。</source>
        <translation>is held by nobody.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="54"/>
        <source>（空出窗口，下一位在此操作的工作人员接手）</source>
        <translation>(free the window: the next clerk to act there takes it)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="56"/>
        <source>改派窗口</source>
        <translation>Reassign window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="57"/>
        <source>{0} 号窗口{1}改派后，正在办理的号随窗口交给新的工作人员，原工作人员在此窗口的操作将被拒绝。</source>
        <translation>Window {0} {1} Once reassigned, a ticket in service passes with the window to the new clerk, and the previous clerk&apos;s actions at this window are refused.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="59"/>
        <source>工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="59"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="107"/>
        <source>取号</source>
        <translation>Take ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="107"/>
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="108"/>
        <source>选号呼叫</source>
        <translation>Call chosen ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="108"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="109"/>
        <source>开始办理</source>
        <translation>Start service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="109"/>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="110"/>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="110"/>
        <source>过号激活</source>
        <translation>Reactivate no-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="111"/>
        <source>挂起</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="111"/>
        <source>挂起恢复</source>
        <translation>Resume suspended</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="112"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="112"/>
        <source>调整队列</source>
        <translation>Move to queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="113"/>
        <source>撤销未出票的号</source>
        <translation>Cancel unprinted ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="114"/>
        <source>原号转为预约号</source>
        <translation>Own ticket given the appointment&apos;s place</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="115"/>
        <source>开放窗口</source>
        <translation>Open window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="115"/>
        <source>暂停窗口</source>
        <translation>Pause window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="116"/>
        <source>恢复窗口</source>
        <translation>Resume window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="116"/>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="117"/>
        <source>接手窗口</source>
        <translation>Take over window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="118"/>
        <source>接手他人离开的窗口</source>
        <translation>Take over a window its clerk left</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="119"/>
        <source>值班长改派窗口</source>
        <translation>Supervisor reassigns window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="120"/>
        <source>窗口释放（离开窗口或账号停用、调岗）</source>
        <translation>Window released (clerk left it, account disabled or role changed)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="121"/>
        <source>修改窗口叫号配置</source>
        <translation>Change window&apos;s call profile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="122"/>
        <source>值班长开放窗口</source>
        <translation>Supervisor opens window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="123"/>
        <source>值班长暂停窗口</source>
        <translation>Supervisor pauses window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="124"/>
        <source>值班长恢复窗口</source>
        <translation>Supervisor resumes window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="125"/>
        <source>值班长关闭窗口</source>
        <translation>Supervisor closes window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="126"/>
        <source>日终处理</source>
        <translation>Close hall day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="126"/>
        <source>重新开厅</source>
        <translation>Reopen the day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="127"/>
        <source>开始实时模拟</source>
        <translation>Live simulation started</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="128"/>
        <source>结束实时模拟</source>
        <translation>Live simulation ended</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="129"/>
        <source>预约</source>
        <translation>Book appointment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="130"/>
        <source>取消预约</source>
        <translation>Cancel appointment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="130"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="131"/>
        <source>撤销预约签到</source>
        <translation>Check-in undone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="132"/>
        <source>预约失约</source>
        <translation>Appointment missed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="132"/>
        <source>撤销失约</source>
        <translation>Miss undone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="133"/>
        <source>生成预约时段</source>
        <translation>Create slots</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="134"/>
        <source>修改时段容量</source>
        <translation>Change slot capacity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="135"/>
        <source>删除预约时段</source>
        <translation>Remove slot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="136"/>
        <source>列入失信名单</source>
        <translation>Add to the credit blacklist</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="137"/>
        <source>移出失信名单</source>
        <translation>Remove from the credit blacklist</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="138"/>
        <source>核对材料</source>
        <translation>Check materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="139"/>
        <source>接手退回件</source>
        <translation>Take over returned case</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="140"/>
        <source>补交容缺材料</source>
        <translation>Supply owed materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="140"/>
        <source>评价</source>
        <translation>Rate service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="141"/>
        <source>差评待回访</source>
        <translation>Open follow-up of poor rating</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="141"/>
        <source>回访办结</source>
        <translation>Close follow-up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="142"/>
        <source>差评申诉</source>
        <translation>Appeal poor rating</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="142"/>
        <source>创建大厅</source>
        <translation>Create hall</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="143"/>
        <source>修改大厅设置</source>
        <translation>Change hall settings</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="144"/>
        <source>修改大厅名称地址电话</source>
        <translation>Change hall name, address, phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="145"/>
        <source>修改开放时间</source>
        <translation>Change opening hours</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="146"/>
        <source>修改优先类别</source>
        <translation>Change priority classes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="147"/>
        <source>配置窗口</source>
        <translation>Configure windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="147"/>
        <source>保存队列</source>
        <translation>Save queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="148"/>
        <source>停用队列</source>
        <translation>Deactivate queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="148"/>
        <source>启用队列</source>
        <translation>Reactivate queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="149"/>
        <source>停用窗口</source>
        <translation>Retire window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="149"/>
        <source>窗口改名</source>
        <translation>Rename window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="150"/>
        <source>恢复使用窗口</source>
        <translation>Reinstate window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="151"/>
        <source>保存部门</source>
        <translation>Save department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="151"/>
        <source>保存事项</source>
        <translation>Save service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="152"/>
        <source>停用事项</source>
        <translation>Retire service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="153"/>
        <source>恢复事项</source>
        <translation>Reinstate service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="153"/>
        <source>导入事项</source>
        <translation>Import service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="154"/>
        <source>导入事项目录</source>
        <translation>Import catalogue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="155"/>
        <source>导入队列</source>
        <translation>Import queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="155"/>
        <source>导入部门</source>
        <translation>Import department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="156"/>
        <source>载入节假日</source>
        <translation>Load holidays</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="157"/>
        <source>调整工作日</source>
        <translation>Change working days</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="157"/>
        <source>设置终端</source>
        <translation>Set up device</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="158"/>
        <source>打印单据</source>
        <translation>Print document</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="158"/>
        <source>备份数据库</source>
        <translation>Back up database</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="159"/>
        <source>恢复数据库</source>
        <translation>Restore database</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="160"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="160"/>
        <source>登录失败</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="161"/>
        <source>新增人员</source>
        <translation>Add staff</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="161"/>
        <source>启用账号</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="162"/>
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="162"/>
        <source>账号改名</source>
        <translation>Rename account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="163"/>
        <source>修改账号</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="164"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="165"/>
        <source>修改密码失败</source>
        <translation>Password change failed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="166"/>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
</context>
<context>
    <name>AuditObjects</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="169"/>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="169"/>
        <source>服务事项</source>
        <translation>Service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="170"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="170"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="171"/>
        <source>终端</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="171"/>
        <source>人员账号</source>
        <translation>Staff account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="172"/>
        <source>工作日历</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="172"/>
        <source>事项目录</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="173"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="173"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="174"/>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="174"/>
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="175"/>
        <source>预约时段</source>
        <translation>Appointment slot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="175"/>
        <source>失信名单</source>
        <translation>Credit blacklist</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="176"/>
        <source>差评回访</source>
        <translation>Rating follow-up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="176"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="177"/>
        <source>打印记录</source>
        <translation>Print record</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="177"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="42"/>
        <source>全部对象</source>
        <translation>All objects</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="46"/>
        <source>对象编号（如事项编码、账号 ID）</source>
        <translation>Object ID (e.g. item code, account ID)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="50"/>
        <source> 条</source>
        <translation> entries</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="57"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="60"/>
        <source>校验日志完整性</source>
        <translation>Verify log integrity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="63"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="66"/>
        <source>最近</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="106"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/audit.py" line="112"/>
        <source>校验通过：%n 条记录，哈希链完整，未发现改动</source>
        <translation>
            <numerusform>Verified: %n entry, hash chain intact, no changes found</numerusform>
            <numerusform>Verified: %n entries, hash chain intact, no changes found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="115"/>
        <source>校验失败：第 {0} 条记录 {1}（共发现 {2} 处问题，已检查 {3} 条）</source>
        <translation>Verification failed: entry {0} {1} (problems found: {2}; entries checked: {3})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="124"/>
        <source>缺少第 {0} 条记录（删除或插入）</source>
        <translation>is missing (entry {0} deleted, or another inserted)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="125"/>
        <source>前一条哈希不符（记录被改动或插入）</source>
        <translation>does not link to the one before (altered or inserted)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="126"/>
        <source>内容与哈希不符（记录被改动）</source>
        <translation>does not match its hash (altered)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="127"/>
        <source>日志末尾记录缺失（与链头序号不符）</source>
        <translation>is missing from the end of the log (the chain head counts it)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="128"/>
        <source>链头哈希不符</source>
        <translation>does not match the chain head&apos;s hash</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/audit.py" line="140"/>
        <source>修改前：
{0}

修改后：
{1}</source>
        <translation>Before:
{0}

After:
{1}</translation>
    </message>
</context>
<context>
    <name>BackofficeWindow</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="102"/>
        <source>审批人员：{0}</source>
        <translation>Approver: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="103"/>
        <source>与数据库的连接已中断，正在自动重试。审批操作已暂停，连接恢复后自动刷新。</source>
        <translation>Database connection lost, retrying. Approval is paused and the desk refreshes when the connection returns.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="110"/>
        <source>后台审批</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="141"/>
        <source>通知书已输出：{0}</source>
        <translation>Notice saved: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="145"/>
        <source>办件 {0} 结果已制作，已推送综合窗口待出件</source>
        <translation>Result of case {0} is ready and sent to the comprehensive window for hand-out</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/window.py" line="146"/>
        <source>办件 {0}：{1}</source>
        <translation>Case {0}: {1}</translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="131"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="132"/>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="133"/>
        <source>队列（等候时间单位：分钟）</source>
        <translation>Queues (waits in minutes)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="144"/>
        <source>重新开厅…</source>
        <translation>Reopen the day…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="189"/>
        <source>大厅日 {0}&#x3000;{1}&#x3000;提醒 {2} 条</source>
        <translation>Hall day {0}   {1}   Alerts: {2}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="234"/>
        <source>已完成：{0}</source>
        <translation>Done: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="247"/>
        <source>当日 {0} 个</source>
        <translation>that day {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="248"/>
        <source>{0} {1} 个</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="250"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="250"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="251"/>
        <source>大厅日 {0} 已闭厅：{1} 个未办结的号记为弃号{4}，{2} 个预约记为失约，关闭 {3} 个窗口</source>
        <translation>Hall day {0} closed. Tickets recorded as abandoned: {1}{4}; appointments as missed: {2}; windows closed: {3}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="267"/>
        <source>暂停窗口</source>
        <translation>Pause window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="268"/>
        <source>暂停 {0} 号窗口的原因</source>
        <translation>Reason for pausing window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="313"/>
        <source>重新开厅</source>
        <translation>Reopen the day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="314"/>
        <source>重新开厅后可以再取号、开窗；日终已记为弃号的号不会恢复。原因：</source>
        <translation>After reopening, tickets can be taken and windows opened again; tickets the close marked abandoned stay so. Reason:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="323"/>
        <source>日终闭厅：仍在等候的 {0} 个号和窗口上的 {1} 个号将记为弃号（保留记录，不删除），未签到的过期预约记为失约，所有窗口关闭。过号将不能再重新排队。确定吗？</source>
        <translation>Close the day: the tickets still waiting ({0}) and those at windows ({1}) will be recorded as abandoned (kept, not deleted), appointments not checked in and past their slot as missed, and every window closed. Missed tickets can no longer rejoin. Go ahead?</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="326"/>
        <source>日终闭厅</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="333"/>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="334"/>
        <source>暂停…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="335"/>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="336"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="337"/>
        <source>调整工作配置…</source>
        <translation>Work profile…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="338"/>
        <source>改派窗口…</source>
        <translation>Reassign window…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="339"/>
        <source>转移号码…</source>
        <translation>Move tickets…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="341"/>
        <source>工作人员临时离开</source>
        <translation>Staff member stepped away</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="342"/>
        <source>系统故障</source>
        <translation>System fault</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="343"/>
        <source>业务培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="344"/>
        <source>支援其他窗口</source>
        <translation>Helping at another window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/board.py" line="144"/>
        <source>日终闭厅…</source>
        <translation>Close the day…</translation>
    </message>
</context>
<context>
    <name>BookingModel</name>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="225"/>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="225"/>
        <source>已签到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="226"/>
        <source>迟到签到</source>
        <translation>Late check-in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="226"/>
        <source>失约</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="227"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="230"/>
        <source>预约码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="230"/>
        <source>时段</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="230"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="231"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="231"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="185"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="185"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="185"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="186"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="187"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="187"/>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="188"/>
        <source>可预约时段（选择一个）</source>
        <translation>Open slots (choose one)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="188"/>
        <source>当日预约</source>
        <translation>Bookings of the day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="192"/>
        <source>选填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="195"/>
        <source>预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="196"/>
        <source>取消所选预约</source>
        <translation>Cancel the selected booking</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="197"/>
        <source>打印预约凭条</source>
        <translation>Print booking slip</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="198"/>
        <source>英文凭条</source>
        <translation>In English</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="199"/>
        <source>为阅读英文的办事人打印英文预约凭条</source>
        <translation>Print the slip in English, for an applicant who reads English</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="248"/>
        <source>不限（本队列任一事项）</source>
        <translation>Any (any item of the queue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="288"/>
        <source>该日该队列没有开放的预约时段</source>
        <translation>No slots are open for this queue on this day.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="289"/>
        <source>该日没有该事项可约的时段</source>
        <translation>No slots open for this item on that day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="312"/>
        <source>请先在上表中选择一个时段</source>
        <translation>Please choose a slot in the table first.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="338"/>
        <source>预约成功：{day} {time}，{queue}。请申请人记下预约码或拍下二维码，到时在自助机“预约签到”取号</source>
        <translation>Booked: {day} {time}, {queue}. The applicant notes the code or photographs the QR code, and checks in at a kiosk (Appointment check-in) on the day.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="355"/>
        <source>请先在当日预约中选择要取消的一条</source>
        <translation>Please choose the booking to cancel in the day&apos;s list first.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="358"/>
        <source>取消预约</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="359"/>
        <source>取消预约 {0} 的原因</source>
        <translation>Reason for cancelling booking {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="360"/>
        <source>申请人来电取消</source>
        <translation>Applicant cancelled by phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="361"/>
        <source>申请人现场取消</source>
        <translation>Applicant cancelled in person</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="375"/>
        <source>预约 {0} 已取消，名额已释放</source>
        <translation>Booking {0} cancelled; its place is free again.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="395"/>
        <source>已保存为 PDF：{0}</source>
        <translation>Saved as PDF: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="396"/>
        <source>预约凭条已打印</source>
        <translation>Booking slip printed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/booking.py" line="403"/>
        <source>预约凭条打印失败：{0}</source>
        <translation>Booking slip not printed: {0}</translation>
    </message>
</context>
<context>
    <name>CallControls</name>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="112"/>
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="112"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="112"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="113"/>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="113"/>
        <source>办结并叫号</source>
        <translation>Finish and next</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="114"/>
        <location filename="../../hallapp/ui/counter/controls.py" line="304"/>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="114"/>
        <location filename="../../hallapp/ui/counter/controls.py" line="306"/>
        <source>挂起</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="115"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="115"/>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="115"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="116"/>
        <source>指定叫号</source>
        <translation>Call ticket…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="116"/>
        <source>开窗</source>
        <translation>Open window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="117"/>
        <source>关窗</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="117"/>
        <source>挂起恢复</source>
        <translation>Resume suspended</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="118"/>
        <source>过号恢复</source>
        <translation>Back after a miss</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="195"/>
        <source>{0} 的办件 {1} 尚未作出收件决定。</source>
        <translation>Case {1} of {0} has no intake decision yet. </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="198"/>
        <source>转移 {0} 前须撤回该办件（原因记入审计日志）；点“返回”可继续收件。</source>
        <translation>To transfer {0}, withdraw the case first (the reason goes into the audit log); or click &quot;Back&quot; to carry on with the intake.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="199"/>
        <source>应到其他窗口办理</source>
        <translation>Belongs at another window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="200"/>
        <location filename="../../hallapp/ui/counter/controls.py" line="206"/>
        <source>选错办理事项</source>
        <translation>Wrong matter chosen</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="202"/>
        <source>办结 {0} 前须撤回该办件（原因记入审计日志）；点“返回”可继续收件，材料不齐的可“一次性告知”或挂起。</source>
        <translation>To finish {0}, withdraw the case first (the reason goes into the audit log); or click &quot;Back&quot; to carry on with the intake: with materials missing, give a one-time notice or suspend the ticket.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="204"/>
        <source>申请人放弃办理</source>
        <translation>The applicant gives up the application</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="205"/>
        <source>申请人信息填错</source>
        <translation>Applicant&apos;s details entered wrongly</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="299"/>
        <source>暂停窗口</source>
        <translation>Pause window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="299"/>
        <source>暂停期间本窗口不叫号，请写明原因</source>
        <translation>This window calls no tickets while paused; give the reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="300"/>
        <source>午休</source>
        <translation>Lunch break</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="301"/>
        <source>临时离开</source>
        <translation>Away briefly</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="302"/>
        <source>系统故障</source>
        <translation>System fault</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="303"/>
        <source>业务培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="304"/>
        <source>申请人多次呼叫未到，按过号处理</source>
        <translation>The applicant did not come after repeated calls; mark as no-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="305"/>
        <source>多次呼叫未到</source>
        <translation>No response to repeated calls</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="306"/>
        <source>申请人补齐材料后凭原号回到本窗口，无需重新取号</source>
        <translation>The applicant returns to this window with the same ticket once the materials are complete</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="307"/>
        <source>材料不齐，回去补充</source>
        <translation>Materials incomplete, gone to fetch them</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="308"/>
        <source>需复印材料</source>
        <translation>Needs copies made</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="309"/>
        <source>需填写申请表</source>
        <translation>Needs to fill in the form</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/controls.py" line="313"/>
        <source>{0} 的办件 {1} 尚未作出收件决定，将保留：该号回到窗口时自动调出，继续核验。</source>
        <translation>Case {1} of {0} has no intake decision yet and will be kept: it comes back when that number is served again, to carry on checking.</translation>
    </message>
</context>
<context>
    <name>CallTicketDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="282"/>
        <source>指定叫号</source>
        <translation>Call a chosen ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="282"/>
        <source>输入要叫的号码和原因（原因记入审计日志）</source>
        <translation>Enter the ticket to call and the reason (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="283"/>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="283"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="284"/>
        <source>预约到场</source>
        <translation>Appointment arrived</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="285"/>
        <source>补交材料返回</source>
        <translation>Back with materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="286"/>
        <source>值班长安排</source>
        <translation>Supervisor&apos;s instruction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="294"/>
        <source>请输入号票上的号码，如 A004</source>
        <translation>Enter the number on the ticket, e.g. A004</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="82"/>
        <source>认领审查</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="82"/>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="170"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="83"/>
        <source>不予批准</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="83"/>
        <source>要求补正</source>
        <translation>Request correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="84"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="84"/>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="173"/>
        <source>结束特别程序</source>
        <translation>End special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="85"/>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="175"/>
        <source>退回窗口</source>
        <translation>Return to window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="85"/>
        <source>放弃认领</source>
        <translation>Release</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="86"/>
        <source>登记网上补正</source>
        <translation>Record online correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="87"/>
        <source>制证完成</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="87"/>
        <source>打印通知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="114"/>
        <source>请先在左侧选择办件</source>
        <translation>Select a case on the left first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="116"/>
        <source>数据库连接中断，恢复后才能操作</source>
        <translation>Database connection lost; wait until it is back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="118"/>
        <source>正在处理上一操作……</source>
        <translation>Still processing the previous action…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="122"/>
        <source>该办件已由 {0} 认领审查，只有认领人可以操作</source>
        <translation>Case claimed by {0}; only they can act on it</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="125"/>
        <source>请先认领该办件</source>
        <translation>Claim the case first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="170"/>
        <source>审批意见（可不填）</source>
        <translation>Opinion (optional)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="171"/>
        <source>启动特别程序</source>
        <translation>Start special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="172"/>
        <source>事由（听证、检验、检测、专家评审等）</source>
        <translation>Grounds (hearing, inspection, testing, expert review…)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="174"/>
        <source>结论意见（可不填）</source>
        <translation>Conclusion (optional)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="176"/>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/actions.py" line="178"/>
        <source>办件 {0}</source>
        <translation>Case {0}</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="136"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="136"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="137"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="137"/>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="138"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="138"/>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="139"/>
        <source>计时暂停</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="140"/>
        <source>最新意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="142"/>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="143"/>
        <source>到厅：</source>
        <translation>Visits:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="144"/>
        <source>告知承诺：</source>
        <translation>Commitment:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="145"/>
        <source>容缺待补：</source>
        <translation>Pending:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="146"/>
        <source>申请材料（窗口核验记录）</source>
        <translation>Materials (as checked at the window)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="147"/>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="193"/>
        <source>请在左侧队列中选择办件</source>
        <translation>Select a case in the queue on the left</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="208"/>
        <source>{0} 次：{1}</source>
        <translation>{0} in person: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="220"/>
        <source>由我认领审查中</source>
        <translation>Claimed by me</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="223"/>
        <source>认领人：{0}</source>
        <translation>Claimed by: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="225"/>
        <source>尚未认领</source>
        <translation>Not claimed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="231"/>
        <source>法人</source>
        <translation>Legal entity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="231"/>
        <source>个人</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="233"/>
        <source>{0}号窗口</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="235"/>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="241"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="260"/>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="263"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/detail.py" line="266"/>
        <source>{0}（补齐期限 {1}）</source>
        <translation>{0} (due {1})</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="25"/>
        <source>已收件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="25"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="26"/>
        <source>审查中</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="26"/>
        <source>待补正</source>
        <translation>In correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="27"/>
        <source>已补正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="27"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="28"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="29"/>
        <source>容缺批准（待补齐）</source>
        <translation>Approved, pending</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="30"/>
        <source>不予批准</source>
        <translation>Denied</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="30"/>
        <source>待出件</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="31"/>
        <source>已出件</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="31"/>
        <source>当场办结</source>
        <translation>Completed on the spot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="32"/>
        <source>已一次性告知</source>
        <translation>Missing materials notified</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="32"/>
        <source>不予受理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="33"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="33"/>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="34"/>
        <source>退回待重新受理</source>
        <translation>Returned, to re-accept</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="35"/>
        <source>容缺材料待补齐</source>
        <translation>Pending materials due</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="37"/>
        <source>收件</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="37"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="38"/>
        <source>容缺受理</source>
        <translation>Accept, pending</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="38"/>
        <source>告知承诺受理</source>
        <translation>Accept on written commitment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="39"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="39"/>
        <source>撤回申请</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="40"/>
        <source>认领审查</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="40"/>
        <source>退回待审</source>
        <translation>Release to queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="41"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="41"/>
        <source>要求补正</source>
        <translation>Request correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="42"/>
        <source>提交补正材料</source>
        <translation>Supply correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="43"/>
        <source>启动特别程序</source>
        <translation>Start special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="44"/>
        <source>结束特别程序</source>
        <translation>End special procedure</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="44"/>
        <source>退回窗口</source>
        <translation>Return to window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="45"/>
        <source>补齐容缺材料</source>
        <translation>Supply pending materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="45"/>
        <source>制证完成</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="46"/>
        <source>出件</source>
        <translation>Hand-out</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="46"/>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="48"/>
        <source>补正材料</source>
        <translation>Corrections brought</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="169"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="169"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="170"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="170"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="171"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>CaseNotes</name>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="20"/>
        <source>按事项第 {0} 版收件</source>
        <translation>Received under version {0} of the service item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="21"/>
        <source>准予批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="22"/>
        <source>秒批：材料齐全且经在线核验，符合事项秒批规则，系统自动批准</source>
        <translation>Instant approval: materials complete and verified online, meeting the item&apos;s instant-approval rules; approved automatically by the system</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="23"/>
        <source>特别程序结束</source>
        <translation>Special procedure ended</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="24"/>
        <source>补正材料已提交（网上）</source>
        <translation>Corrections submitted (online)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="25"/>
        <source>补正材料已提交（窗口）</source>
        <translation>Corrections submitted (at the window)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="26"/>
        <source>结果已制作，待出件</source>
        <translation>Result made, ready for collection</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="27"/>
        <source>窗口制证完成，待出件</source>
        <translation>Certificate made at the window, ready for collection</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="28"/>
        <source>窗口出件（凭回执二维码）</source>
        <translation>Handed over at the window (receipt QR code)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="29"/>
        <source>窗口出件（凭身份证）</source>
        <translation>Handed over at the window (ID card)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="30"/>
        <source>快递送达：{0}</source>
        <translation>Sent by courier: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="31"/>
        <source>释放{0}（{1}）的认领：{2}</source>
        <translation>Released the claim of {0} ({1}): {2}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="32"/>
        <source>一次性告知补齐：{0}</source>
        <translation>Told at once to complete: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="33"/>
        <source>补齐容缺材料：{0}</source>
        <translation>Pending materials brought: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="34"/>
        <source>补齐容缺材料：{0}（逾期补齐，补齐期限为 {1}）</source>
        <translation>Pending materials brought: {0} (late; due by {1})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="35"/>
        <source>{0}；仍缺 {1}</source>
        <translation>{0}; still missing: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/case_notes.py" line="36"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="38"/>
        <source>已接手退回的办件 {0}（退回原因：{1}），请重新核验材料后作出收件决定</source>
        <translation>Took up returned case {0} (returned because: {1}); check the materials again and decide its intake.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="41"/>
        <source>已接手办件 {0}，请核验材料后作出收件决定</source>
        <translation>Took up case {0}; check the materials and decide its intake.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="72"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="75"/>
        <source>可办理：{0}</source>
        <translation>Can be done here: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="79"/>
        <source>申请人：{0}&#x3000;证件号码：{1}</source>
        <translation>Applicant: {0}   ID number: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="81"/>
        <source>&#x3000;电话：{0}</source>
        <translation>   Phone: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="82"/>
        <source>状态：{0}</source>
        <translation>State: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="84"/>
        <source>&#x3000;办结期限：{0}</source>
        <translation>   Due: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="87"/>
        <source>（计时暂停，剩 {0} 个工作日）</source>
        <translation> (clock stopped, working days left: {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="88"/>
        <source>（计时暂停）</source>
        <translation> (clock stopped)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="90"/>
        <source>（剩 {0} 个工作日）</source>
        <translation> (working days left: {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="91"/>
        <source>（已超期 {0} 个工作日）</source>
        <translation> (working days overdue: {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="92"/>
        <source>收件：{0}，{1} 号窗口</source>
        <translation>Received: {0}, window {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="94"/>
        <source>到厅 {0} 次：{1}</source>
        <translation>Visits ({0} in person): {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="99"/>
        <source>容缺待补：{0}</source>
        <translation>Owed under tolerant acceptance: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="101"/>
        <source>（须于 {0} 前补交）</source>
        <translation> (due by {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="111"/>
        <source>最近：{0} {1}：{2}</source>
        <translation>Latest: {0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="117"/>
        <source>接手办理（在收件页核验材料、重新作出收件决定）</source>
        <translation>Take up (check the materials on the intake tab and decide its intake again)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="119"/>
        <source>补齐容缺材料</source>
        <translation>Supply pending materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="121"/>
        <source>补正材料已提交</source>
        <translation>Corrections brought</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="123"/>
        <source>窗口出件或快递送达</source>
        <translation>Hand out at the window or send by express post</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/case_view.py" line="124"/>
        <source>无须窗口办理，可告知申请人办理进度</source>
        <translation>Nothing to do at the window; tell the applicant where the case stands</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="76"/>
        <source>按事项名称或编码搜索</source>
        <translation>Search by item name or code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="79"/>
        <source>已停用的事项</source>
        <translation>Withdrawn items</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="80"/>
        <source>列出已停用的事项，可打开后恢复</source>
        <translation>List the withdrawn items; open one to reinstate it</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="100"/>
        <source>新建事项</source>
        <translation>New item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="101"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="102"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="216"/>
        <source>导入事项目录</source>
        <translation>Import catalogue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="220"/>
        <source>正在导入 {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="225"/>
        <source>已导入：部门 {0}，队列 {1}，新事项 {2}，新版本 {3}，未变 {4}</source>
        <translation>Imported: departments {0}, queues {1}, new items {2}, new versions {3}, unchanged {4}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/catalogue.py" line="231"/>
        <source>导出事项目录</source>
        <translation>Export catalogue</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/catalogue.py" line="237"/>
        <source>已导出 %n 个事项到 {0}</source>
        <translation>
            <numerusform>Exported %n item to {0}</numerusform>
            <numerusform>Exported %n items to {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="41"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="42"/>
        <source>请将预约二维码对准扫描口，或输入 8 位预约码后点击签到</source>
        <translation>Hold the appointment QR code to the scanner, or enter the 8-character code and tap Check in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="43"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="44"/>
        <source>签到取号</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="47"/>
        <source>预约签到不用刷身份证：请扫描预约二维码，或输入 8 位预约码</source>
        <translation>No ID card is needed to check in: scan the appointment&apos;s QR code, or enter the 8-character appointment code.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="51"/>
        <source>请扫描预约二维码或输入预约码</source>
        <translation>Scan the appointment QR code or enter the code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="60"/>
        <source>取号机尚未就绪，请稍候</source>
        <translation>The kiosk is not ready yet, please wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/checkin.py" line="63"/>
        <source>正在签到，请稍候……</source>
        <translation>Checking in, please wait…</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="90"/>
        <source>选交</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="91"/>
        <source>主审要件</source>
        <translation>Core</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="91"/>
        <source>非主审</source>
        <translation>Secondary</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="109"/>
        <source>该材料不能以告知承诺代替</source>
        <translation>A written commitment cannot replace this material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="140"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="140"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="141"/>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="141"/>
        <source>在线核验</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="142"/>
        <source>承诺</source>
        <translation>Commit.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="142"/>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="143"/>
        <source>不符</source>
        <translation>Faulty</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="143"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="144"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="67"/>
        <source>材料核验</source>
        <translation>Check materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="68"/>
        <source>单击状态格标记材料（或用方向键选格后按空格/回车）；“不符”须填写说明；双击份数可修改</source>
        <translation>Click a status cell to mark a material (or move with the arrow keys and press Space or Enter); &quot;Faulty&quot; needs a note; double-click copies to edit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="141"/>
        <source>材料不符合要求</source>
        <translation>Material not acceptable</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="142"/>
        <source>“{0}”哪里不符合要求？将写入一次性告知书</source>
        <translation>What is wrong with &quot;{0}&quot;? It goes into the one-time notice</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="144"/>
        <source>未签字或未盖章</source>
        <translation>Not signed or stamped</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="145"/>
        <source>复印件不清晰</source>
        <translation>Copy illegible</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="146"/>
        <source>已过有效期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/checklist.py" line="147"/>
        <source>信息与申请不一致</source>
        <translation>Does not match the application</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="335"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="335"/>
        <source>记录申请人书面承诺的内容，将打印在受理回执上</source>
        <translation>Record what the applicant committed to in writing; it is printed on the receipt</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="336"/>
        <source>承诺内容</source>
        <translation>Commitment</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="157"/>
        <source>要求补正</source>
        <translation>Request correction</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="158"/>
        <source>办件 {0}：一次性告知需要补正的全部内容，补正期间暂停计时</source>
        <translation>Case {0}: list everything to correct in one notice; the clock stops meanwhile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="160"/>
        <source>补正内容</source>
        <translation>What to correct</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="169"/>
        <source>需补正的材料（可多选）</source>
        <translation>Materials to correct (several allowed)</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="152"/>
        <source>窗口工作台 · {0}号窗口</source>
        <translation>Counter desk · Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="154"/>
        <source>查件/出件</source>
        <translation>Cases / hand-out</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="155"/>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="156"/>
        <source>取号</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="157"/>
        <source>与数据库的连接已中断，正在自动重试。窗口操作已暂停；正在录入的收件内容已保存在本机，连接恢复后继续提交。</source>
        <translation>Database connection lost, retrying. Window actions are paused; the intake in progress is saved on this computer and is submitted when the connection returns.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="255"/>
        <source>已接手 {0} 号窗口</source>
        <translation>You have taken over window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="261"/>
        <source>已离开 {0} 号窗口：窗口保持开放，其他工作人员可接手；回来后在此操作即重新接手</source>
        <translation>You left window {0}: it stays open for another clerk to take over; back here, acting at it takes it again</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="274"/>
        <source>{0} 已办结；暂无等候</source>
        <translation>{0} finished; nobody is waiting</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="280"/>
        <source>{0} 已回到队列，前面 {1} 人</source>
        <translation>{0} is back in the line, {1} ahead</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="292"/>
        <source>{0}（{1} 号窗口）</source>
        <translation>{0} (window {1})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="293"/>
        <source>{0} 已转至 {1}，前面 {2} 人</source>
        <translation>{0} transferred to {1}, {2} ahead</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="295"/>
        <source>{0} 已过号</source>
        <translation>{0} passed as absent</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="296"/>
        <source>{0} 已挂起：补齐材料后凭原号回到本窗口</source>
        <translation>{0} suspended: back at this window with the same number once the materials are complete</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/window.py" line="297"/>
        <source>{0} 已办结</source>
        <translation>{0} finished</translation>
    </message>
</context>
<context>
    <name>CurrentTicketPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="56"/>
        <source>当前号码</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="63"/>
        <source>窗口由 {0} 使用中，接手窗口后才能叫号</source>
        <translation>{0} is working at this window; take it over before calling</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="65"/>
        <source>窗口已暂停，按 F8 恢复后叫号</source>
        <translation>Window paused: press F8 to resume, then call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="67"/>
        <source>今日已日终闭厅，窗口不再开放</source>
        <translation>Today&apos;s hall day is closed: windows stay closed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="69"/>
        <source>窗口未开放，点“开窗”后叫号</source>
        <translation>Window closed: press “Open window”, then call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="70"/>
        <source>暂无正在办理的号，按 F1 叫号</source>
        <translation>No ticket; press F1 to call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="88"/>
        <source>绿色通道：{0}</source>
        <translation>Green channel: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="90"/>
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="92"/>
        <source>已重呼 {0} 次</source>
        <translation>Recalled {0}×</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="95"/>
        <source>已叫号，等候到窗</source>
        <translation>Called, waiting for the applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="96"/>
        <source>正在办理</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="98"/>
        <source>等候时长 {0}</source>
        <translation>Waited {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="115"/>
        <source>叫号后 {0}</source>
        <translation>Called {0} ago</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/ticket.py" line="117"/>
        <source>办理用时 {0}</source>
        <translation>Service time {0}</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="71"/>
        <source>即办</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="71"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="72"/>
        <source>容缺受理</source>
        <translation>Accept, pending</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="72"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="73"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="73"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="76"/>
        <source>收件决定</source>
        <translation>Intake decision</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="109"/>
        <source>先选择事项、填写申请人并登记收件，再核验材料</source>
        <translation>Choose the item, enter the applicant and register, then check the materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/decisions.py" line="119"/>
        <source>符合秒批条件：受理后系统自动批准</source>
        <translation>Eligible for instant approval: approved automatically on acceptance</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="165"/>
        <source>扫描回执二维码，或输入办件编号、身份证号码后按回车</source>
        <translation>Scan the receipt QR code or enter a case or ID number, then Enter</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="166"/>
        <source>领取凭证</source>
        <translation>Pick-up proof</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="167"/>
        <source>快递单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="168"/>
        <source>回执二维码或领取人身份证号码</source>
        <translation>Receipt QR code or collector&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="169"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="170"/>
        <source>接手办理</source>
        <translation>Take up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="171"/>
        <source>退回或未作收件决定的办件：绑定到正在办理的号，在收件页重新核验材料、作出收件决定（回车）</source>
        <translation>A returned or undecided case: bind it to the ticket being served and check and decide it on the intake tab (Enter)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="173"/>
        <source>窗口出件</source>
        <translation>Hand out</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="174"/>
        <source>快递送达</source>
        <translation>Send by express</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="175"/>
        <source>补齐容缺材料…</source>
        <translation>Pending materials…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="176"/>
        <source>补正材料已提交…</source>
        <translation>Corrections brought…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="229"/>
        <source>没有找到办件</source>
        <translation>No case found</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="262"/>
        <source>办件 {0} 现为“{1}”，不在收件环节，无须接手</source>
        <translation>Case {0} is now “{1}”: it is past intake, there is nothing to take up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="290"/>
        <source>请先查找办件，并扫描回执或输入领取人身份证号码</source>
        <translation>Find the case first, then scan the receipt or enter the collector&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="293"/>
        <source>请扫描回执二维码或输入领取人身份证号码</source>
        <translation>Scan the receipt&apos;s QR code or enter the collector&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="307"/>
        <source>请先查找办件并填写快递单号</source>
        <translation>Find the case first and enter the tracking number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="310"/>
        <source>请填写快递单号</source>
        <translation>Enter the tracking number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="319"/>
        <source>{0} {1}：{2}</source>
        <translation>{0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="259"/>
        <location filename="../../hallapp/ui/counter/delivery.py" line="363"/>
        <location filename="../../hallapp/ui/counter/delivery.py" line="391"/>
        <source>请先查找办件</source>
        <translation>Find the case first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="366"/>
        <source>办件 {0} 没有容缺待补的材料</source>
        <translation>Case {0} has no pending materials to supply</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="394"/>
        <source>办件 {0} 现为“{1}”，没有待补正的材料</source>
        <translation>Case {0} is now &quot;{1}&quot;: no corrections are awaited</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="397"/>
        <source>补正材料已提交</source>
        <translation>Corrections brought</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="398"/>
        <source>办件 {0}：申请人已交来全部补正材料？确认后恢复计时，办件回到部门审查</source>
        <translation>Case {0}: has the applicant brought every correction asked for? Confirmed, the time limit runs again and the case goes back to its department for review.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="413"/>
        <source>{0}：已登记，现为“{1}”</source>
        <translation>{0}: recorded, now &quot;{1}&quot;</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/delivery.py" line="416"/>
        <source>；仍有 {0} 项容缺材料待补</source>
        <translation>; {0} pending material(s) still to supply</translation>
    </message>
</context>
<context>
    <name>DenyDialog</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="139"/>
        <source>不予批准</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="140"/>
        <source>办件 {0}：须写明不予批准的理由和法律依据</source>
        <translation>Case {0}: state the reason and legal basis for denial</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="141"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="142"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="41"/>
        <source>留空则保存为 PDF</source>
        <translation>Leave empty to save as PDF</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="46"/>
        <source>{0} 毫米</source>
        <translation>{0} mm</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="58"/>
        <source>终端名称</source>
        <translation>Terminal name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="59"/>
        <source>终端类型</source>
        <translation>Terminal type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="60"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="61"/>
        <source>热敏纸宽度</source>
        <translation>Roll width</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="62"/>
        <source>无操作返回首页（秒）</source>
        <translation>Idle return to home (s)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="63"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="64"/>
        <source>保存终端设置</source>
        <translation>Save terminal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="66"/>
        <source>终端设置</source>
        <translation>Terminal settings</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="67"/>
        <source>终端名称即该电脑的 HALLAPP_TERMINAL。</source>
        <translation>The terminal name is that computer&apos;s HALLAPP_TERMINAL.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/devices.py" line="98"/>
        <source>终端 {0} 的设置已保存</source>
        <translation>Settings of terminal {0} saved</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="254"/>
        <source>请留意叫号</source>
        <translation>Please watch for your number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="257"/>
        <source>请到{0}号窗口</source>
        <translation>Please go to window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="280"/>
        <source>yyyy年M月d日 dddd HH:mm:ss</source>
        <translation>ddd d MMM  HH:mm:ss</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="286"/>
        <source>语音播报未启用（未找到语音引擎）</source>
        <translation>Voice announcements off (no speech engine found)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="295"/>
        <source>请取号后留意叫号，过号请到服务台；办事指南请扫码查看</source>
        <translation>After taking a ticket please watch for your number; if you miss it, ask at the service desk. Scan the code for service guides.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="298"/>
        <source>连接中断，正在重试…</source>
        <translation>Connection lost, retrying…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="299"/>
        <source>正在呼叫</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="300"/>
        <source>最近叫号</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/display.py" line="330"/>
        <source>综合屏</source>
        <translation>Hall display</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="50"/>
        <source>重新打印</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="76"/>
        <source>{0}已保存为 PDF：{1}</source>
        <translation>{0} saved as PDF: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="77"/>
        <source>{0}已打印：{1}</source>
        <translation>{0} printed: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="84"/>
        <source>受理回执</source>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="84"/>
        <source>一次性告知书</source>
        <translation>One-time notice of missing materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="85"/>
        <source>不予受理通知书</source>
        <translation>Notice of refusal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="86"/>
        <source>补正材料通知书</source>
        <translation>Notice to correct materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="87"/>
        <source>容缺受理补交材料通知书</source>
        <translation>Notice to supply the missing materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="88"/>
        <source>办结通知书</source>
        <translation>Notice of the result</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/result.py" line="92"/>
        <source>打印失败：{0}</source>
        <translation>Printing failed: {0}</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="232"/>
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="234"/>
        <source>，仅显示前 {0} 条</source>
        <translation>, showing the first {0}</translation>
    </message>
</context>
<context>
    <name>DrillLabels</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="74"/>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="74"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="75"/>
        <source>办理中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="75"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="76"/>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="76"/>
        <source>挂起</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="77"/>
        <source>弃号</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="79"/>
        <source>提前办结</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="79"/>
        <source>按时办结</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="80"/>
        <source>超时办结</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="80"/>
        <source>待回访</source>
        <translation>To follow up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="81"/>
        <source>申诉中</source>
        <translation>Appealed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="81"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="82"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="256"/>
        <source>导出报表（Excel 与 PDF）</source>
        <translation>Export reports (Excel and PDF)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="267"/>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="267"/>
        <source>日期/开始</source>
        <translation>Date/start</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="268"/>
        <source>结束（公示）</source>
        <translation>End (public list)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="268"/>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="287"/>
        <source>日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="288"/>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="289"/>
        <source>超时办结公示</source>
        <translation>Late cases (public list)</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <location filename="../../hallapp/ui/admin/base.py" line="176"/>
        <source>第 {0} 行“{1}”</source>
        <translation>Row {0}, &quot;{1}&quot;</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/base.py" line="179"/>
        <source>第 {0} 行</source>
        <translation>Row {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/base.py" line="181"/>
        <source>“{0}”列</source>
        <translation>Column &quot;{0}&quot;</translation>
    </message>
</context>
<context>
    <name>FieldsDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="137"/>
        <source>此项必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="164"/>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
</context>
<context>
    <name>GreenChannelPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="42"/>
        <source>添加类别</source>
        <translation>Add class</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="43"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="44"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="45"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="46"/>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="47"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="57"/>
        <source>自助机按此顺序列出绿色通道类别；号票和窗口显示其名称，同队列内先于普通号叫号。编码由小写字母、数字、下划线组成，保存后不宜再改（elderly 按身份证核对年满 60 周岁）。已取的号保留原类别。</source>
        <translation>Kiosks list the green-channel classes in this order; tickets and counters show their names, and they are called before ordinary tickets of their queue. A code is lower-case letters, digits and underscores and should not change once saved (elderly is checked against the age on the ID card). Tickets already taken keep their class.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/green.py" line="87"/>
        <source>其他终端修改了大厅配置；保存前可先撤销修改以查看最新值</source>
        <translation>Another terminal changed the hall; undo your changes to see the latest before saving</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/green.py" line="126"/>
        <source>已保存 %n 个绿色通道类别，各终端即时生效</source>
        <translation>
            <numerusform>%n green-channel class saved; every terminal uses it now</numerusform>
            <numerusform>%n green-channel classes saved; every terminal uses them now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HallIdentityBox</name>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="29"/>
        <source>大厅信息（打印在号票、回执和通知书上，显示在自助机和综合屏）</source>
        <translation>Hall details (printed on tickets, receipts and notices; shown on the kiosks and the display)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="40"/>
        <source>如 0755-88123456 或手机号</source>
        <translation>e.g. 0755-88123456, or a mobile number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="42"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="42"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="43"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="43"/>
        <source>英文地址</source>
        <translation>English address</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="44"/>
        <source>咨询电话</source>
        <translation>Enquiries phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="52"/>
        <source>保存大厅信息</source>
        <translation>Save hall details</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="80"/>
        <source>没有修改</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/identity.py" line="89"/>
        <source>大厅信息已保存</source>
        <translation>Hall details saved</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="241"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="241"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="241"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="242"/>
        <source>状态变化</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="242"/>
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
</context>
<context>
    <name>HolderBar</name>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="114"/>
        <location filename="../../hallapp/ui/counter/holder.py" line="117"/>
        <source>接手窗口</source>
        <translation>Take over window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="115"/>
        <source>离开窗口</source>
        <translation>Leave window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="116"/>
        <source>暂离（休息、交接）而不关窗：窗口保持开放，其他工作人员可接手</source>
        <translation>Step away (a break, a hand-over) without closing: the window stays open for another clerk to take over</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="118"/>
        <source>此窗口当前无人使用：接手后在此叫号、收件</source>
        <translation>Nobody is working at this window: take it over to call and take in cases here</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="123"/>
        <source>（窗口当前无人使用）</source>
        <translation> (nobody at the window)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="127"/>
        <source>（自 {0}）</source>
        <translation> (since {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="130"/>
        <source>此窗口由 {0} 使用中</source>
        <translation>This window is in use by {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="132"/>
        <source>正在办理 {0}：不能接手。请 {1} 办结，或请值班长改派窗口。</source>
        <translation>Serving {0}: the window cannot be taken over. Ask {1} to finish, or the supervisor to reassign the window.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="134"/>
        <source>{0} 已离开该窗口（已退出或终端故障）时，可接手窗口；否则请到自己的窗口办理，或请值班长安排。</source>
        <translation>If {0} has left the window (logged out, or the terminal failed), you may take it over; otherwise work at your own window, or ask the supervisor.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/holder.py" line="164"/>
        <source>正在办理 {0}：请先办结、转移、挂起或过号，再离开窗口</source>
        <translation>Serving {0}: finish, transfer, suspend or pass it first, then leave the window</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="109"/>
        <source>请点击要办理的业务取号</source>
        <translation>Tap a service to take a ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="111"/>
        <source>搜索事项：输入名称、关键词或拼音首字母（如 yyzz 营业执照）</source>
        <translation>Search: name, keyword or pinyin initials (e.g. yyzz)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="112"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="113"/>
        <source>请先点击要办理的业务，到取号页再刷身份证</source>
        <translation>First tap the service you need; your ID card is read on the ticket page.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="114"/>
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="115"/>
        <source>号票查询 · 过号重排</source>
        <translation>My ticket · Rejoin</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="123"/>
        <source>退出适老模式</source>
        <translation>Standard mode</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="124"/>
        <source>适老模式</source>
        <translation>Senior mode</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/home.py" line="193"/>
        <source>等候 {n} 人</source>
        <translation>{n} waiting</translation>
    </message>
</context>
<context>
    <name>HoursCalendarPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="59"/>
        <source>周六开放</source>
        <translation>Open on Saturdays</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="65"/>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="66"/>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="92"/>
        <source>添加时段</source>
        <translation>Add period</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="93"/>
        <source>删除时段</source>
        <translation>Remove period</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="94"/>
        <source>保存开放时间</source>
        <translation>Save hours</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="95"/>
        <source>撤销修改</source>
        <translation>Revert changes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="104"/>
        <source>每个工作日的开放时段</source>
        <translation>Opening periods of each working day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="118"/>
        <source>载入官方日历文件…</source>
        <translation>Load official calendar…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="120"/>
        <source>调整</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="122"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="125"/>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="126"/>
        <source>连续天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="127"/>
        <source>调整为</source>
        <translation>Set to</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="128"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="134"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="138"/>
        <source>节假日日历</source>
        <translation>Holiday calendar</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="194"/>
        <source>其他终端已修改开放时间，此处的修改尚未保存：保存将以此处的时段为准；点击“撤销修改”可载入最新的开放时间。</source>
        <translation>The opening hours were changed at another terminal and your changes here are not saved yet: saving keeps the periods shown here; click “Revert changes” to load the latest opening hours.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="229"/>
        <source>开放时间已保存</source>
        <translation>Opening hours saved</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="232"/>
        <source>；已取消新开放时间外的 %n 个预约（这些时段不再接受预约），请通知申请人（预约码：{0}）</source>
        <translation>
            <numerusform>; %n booking outside the new hours was cancelled (those slots take no more bookings): please tell the applicant (booking code: {0})</numerusform>
            <numerusform>; %n bookings outside the new hours were cancelled (those slots take no more bookings): please tell the applicants (booking codes: {0})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="238"/>
        <source>载入官方日历</source>
        <translation>Load official calendar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="248"/>
        <source>已载入 {0} 年官方日历（%n 天调整）</source>
        <translation>
            <numerusform>Loaded the official calendar for {0} (%n day adjusted)</numerusform>
            <numerusform>Loaded the official calendar for {0} (%n days adjusted)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="258"/>
        <source>调整日历</source>
        <translation>Change the calendar</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="268"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="270"/>
        <source>将 {0}（%n 天）调整为工作日，在办件的办理时限将重新计算。</source>
        <translation>
            <numerusform>Make {0} (%n day) a working day; the time limits of open cases will be recounted. </numerusform>
            <numerusform>Make {0} (%n days) working days; the time limits of open cases will be recounted. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="272"/>
        <source>将 {0}（%n 天）调整为休息日：这些日子的预约将被取消（需通知申请人），在办件的办理时限将重新计算。</source>
        <translation>
            <numerusform>Make {0} (%n day) a rest day: its bookings will be cancelled (tell the applicants), and the time limits of open cases recounted. </numerusform>
            <numerusform>Make {0} (%n days) rest days: their bookings will be cancelled (tell the applicants), and the time limits of open cases recounted. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="274"/>
        <source>确定调整吗？</source>
        <translation>Go ahead?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="278"/>
        <source>已调整 %n 天（{0} 起）</source>
        <translation>
            <numerusform>Adjusted %n day (from {0})</numerusform>
            <numerusform>Adjusted %n days (from {0})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/calendar.py" line="287"/>
        <source>；已取消这些日子的 %n 个预约，请通知申请人（预约码：{0}）</source>
        <translation>
            <numerusform>; %n booking on these days was cancelled: please tell the applicant (code: {0})</numerusform>
            <numerusform>; %n bookings on these days were cancelled: please tell the applicants (codes: {0})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/calendar.py" line="300"/>
        <source>{0} 年共 {1} 个工作日；{2} 个工作日放假，{3} 个周末上班</source>
        <translation>{0}: working days {1}; weekdays off {2}, weekend days worked {3}</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="90"/>
        <source>办理事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="91"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="129"/>
        <source>登记收件</source>
        <translation>Register intake</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="130"/>
        <source>清空重填</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="138"/>
        <source>{0} 的收件</source>
        <translation>Intake for {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="138"/>
        <source>收件</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="175"/>
        <source>{0} 的办件 {1} 尚未作出收件决定，已保留：该号回到窗口时自动调出，继续核验</source>
        <translation>Case {1} of {0} has no intake decision yet and is kept: it comes back when that number is served again, to carry on checking</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="170"/>
        <source>{0} 的收件尚未登记，已清空</source>
        <translation>The intake for {0} was not registered and has been cleared</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="204"/>
        <source>已调出 {0} 挂起前登记的办件 {1}，请继续核验材料</source>
        <translation>Case {1}, registered before {0} was suspended, is back: carry on checking the materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="223"/>
        <source>收件页正在办理办件 {0}：请先作出收件决定（或清空重填将其撤回），再接手其他办件</source>
        <translation>The intake tab holds case {0}: decide it (or withdraw it with Clear) before taking up another case</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="226"/>
        <source>收件页有尚未登记的收件：请先登记或清空重填，再接手办件</source>
        <translation>The intake tab has an intake not yet registered: register it or clear it before taking up a case</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="259"/>
        <source>办件编号：{0}</source>
        <translation>Case no.: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="261"/>
        <source>开始办理（F3）后可登记收件</source>
        <translation>Start service (F3) to register an intake</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="296"/>
        <source>已恢复未完成的收件（{0} 保存，号码 {1}）。可继续办理，或点“清空重填”放弃。</source>
        <translation>Unfinished intake restored (saved {0}, ticket {1}). Continue, or click &quot;Clear&quot; to discard it.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="306"/>
        <source>办件 {0} 已登记。清空重填将撤回该办件（记入审计日志），再重新登记。</source>
        <translation>Case {0} is registered. Clearing the form withdraws the case (recorded in the audit log) to register it again.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="307"/>
        <source>申请人信息填错，重新登记</source>
        <translation>Applicant&apos;s details entered wrongly, registering again</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="308"/>
        <source>选错办理事项</source>
        <translation>Wrong matter chosen</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="309"/>
        <source>申请人放弃办理</source>
        <translation>The applicant gives up the application</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="326"/>
        <source>办件 {0} 已撤回</source>
        <translation>Case {0} withdrawn</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="361"/>
        <source>{0} 取号时所选事项（{1}）已停用，不能按此事项收件：请向申请人确认所办事项，另行选择</source>
        <translation>The item chosen with ticket {0} ({1}) has been withdrawn and cannot be taken in: ask the applicant what they came for and choose the item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="426"/>
        <source>请先改正标红的项目</source>
        <translation>Correct the fields marked in red first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="427"/>
        <source>请先选择办理事项</source>
        <translation>Choose the item first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="471"/>
        <source>{0}：{1}（{2}）</source>
        <translation>{0}: {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake.py" line="476"/>
        <source>{0} 项容缺材料须于 {1} 前补交</source>
        <translation>{0} pending material(s) to be brought by {1}</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="113"/>
        <source>基本信息</source>
        <translation>Basics</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="114"/>
        <source>时限与办理</source>
        <translation>Limits and handling</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="115"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="116"/>
        <source>版本历史</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="121"/>
        <source>保存（生成新版本）</source>
        <translation>Save (new version)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="122"/>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="123"/>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="363"/>
        <source>停用事项</source>
        <translation>Withdraw item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="124"/>
        <source>恢复事项</source>
        <translation>Reinstate item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="149"/>
        <source>添加材料</source>
        <translation>Add material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="150"/>
        <source>删除所选材料</source>
        <translation>Remove material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="151"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="152"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="162"/>
        <source>勾选框可直接点击；双击单元格编辑。材料的顺序即窗口、自助机和告知单上清单的顺序（Ctrl+↑/↓ 移动所选材料）。</source>
        <translation>Click a check box to toggle it; double-click a cell to edit it. The order of the materials is the checklist&apos;s order at the counter, on the kiosk and on the notices (Ctrl+↑/↓ moves the selected material).</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="358"/>
        <source>停用后自助机和窗口将不再提供事项 {0}，历史版本保留。</source>
        <translation>Once withdrawn, item {0} is no longer offered at the kiosks and counters; its versions are kept. </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="360"/>
        <source>今日仍有 {0} 人在等候此事项（号保留，由窗口告知），另有 {1} 个未签到的预约将被取消（需通知申请人）。</source>
        <translation>Still waiting for it today: {0} (they keep their tickets; the counter tells them). Bookings not checked in, to be cancelled (the applicants must be told): {1}. </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="363"/>
        <source>确定停用？</source>
        <translation>Withdraw it?</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="179"/>
        <source>打开所选版本</source>
        <translation>Open version</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="183"/>
        <source>办件保留受理时的版本。打开历史版本后保存，将以其内容生成新的版本。</source>
        <translation>A case keeps the version it was accepted under. Saving an opened earlier version makes a new version from it.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="207"/>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="379"/>
        <source>{0} · 第 {1} 版（已停用）</source>
        <translation>{0} · version {1} (withdrawn)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="226"/>
        <source>{0} · 第 {1} 版（生效中）</source>
        <translation>{0} · version {1} (in force)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="228"/>
        <source>{0} · 正在查看第 {1} 版（当前生效第 {2} 版）</source>
        <translation>{0} · viewing version {1} (version {2} in force)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="241"/>
        <source>新建事项</source>
        <translation>New item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="291"/>
        <source>事项“{0}”有未保存的修改。保存后继续吗？</source>
        <translation>Item “{0}” has unsaved changes. Save them before going on?</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="306"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="318"/>
        <source>内容未改变，未生成新版本（仍为第 {0} 版）</source>
        <translation>Nothing changed; no new version (still version {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="320"/>
        <source>已保存为第 {0} 版</source>
        <translation>Saved as version {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="371"/>
        <source>事项 {0} 已停用</source>
        <translation>Item {0} withdrawn</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="373"/>
        <source>；今日仍有 {0} 人等候，号保留</source>
        <translation>; {0} people still waiting today keep their tickets</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/item_editor.py" line="375"/>
        <source>；已取消 %n 个预约，请通知申请人（预约码：{0}）</source>
        <translation>
            <numerusform>; %n booking cancelled: tell the applicant (booking code {0})</numerusform>
            <numerusform>; %n bookings cancelled: tell the applicants (booking codes {0})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="393"/>
        <source>事项 {0} 已恢复，第 {1} 版生效</source>
        <translation>Item {0} reinstated; version {1} is in force</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="417"/>
        <source>此事项已在其他终端停用，当前的修改无法保存。</source>
        <translation>This item was withdrawn at another terminal; your changes cannot be saved.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="420"/>
        <source>事项 {0} 已在其他终端停用</source>
        <translation>Item {0} was withdrawn at another terminal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="423"/>
        <source>此事项已在其他终端保存为第 {0} 版，当前的修改尚未保存，保存将被拒绝：请记下修改，点击“撤销修改”载入第 {0} 版后重新修改。</source>
        <translation>This item was saved as version {0} at another terminal. Your changes are not saved, and saving them will be refused: note them, click &quot;Undo changes&quot; to load version {0}, then make them again.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_editor.py" line="458"/>
        <source>正在查看历史版本；保存将以其内容生成新版本</source>
        <translation>Viewing an earlier version; saving makes a new version from it</translation>
    </message>
</context>
<context>
    <name>ItemForm</name>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="103"/>
        <source>多个关键词用；分隔</source>
        <translation>Separate keywords with semicolons</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="104"/>
        <source>如 company; business licence</source>
        <translation>e.g. company; business licence</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="107"/>
        <source>每行一条</source>
        <translation>One per line</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="119"/>
        <source>0（全程网办）</source>
        <translation>0 (fully online)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="123"/>
        <source>符合条件的申请秒批（自动审批）</source>
        <translation>Instant approval when eligible</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="124"/>
        <source>要求全部材料在线核验</source>
        <translation>All materials verified online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="162"/>
        <source>四办</source>
        <translation>Four ways</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="166"/>
        <source>容缺、告知承诺与送达</source>
        <translation>Pending materials, commitment, delivery</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/item_form.py" line="169"/>
        <source>秒批规则</source>
        <translation>Instant approval rules</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="79"/>
        <source>请核对材料，材料不齐可先看一次性告知</source>
        <translation>Please check the materials; if some are missing, see the one-time notice first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="80"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="81"/>
        <source>打印材料清单</source>
        <translation>Print checklist</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="82"/>
        <source>取号</source>
        <translation>Take ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="91"/>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="107"/>
        <source>{dept} · {kind}</source>
        <translation>{dept} · {kind}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="110"/>
        <source>所需材料（共 {n} 项）</source>
        <translation>Materials required ({n})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="125"/>
        <source>马上办</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="125"/>
        <source>网上办</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="126"/>
        <source>就近办</source>
        <translation>Nearby</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="126"/>
        <source>一次办</source>
        <translation>One visit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="136"/>
        <source>即办件：当场办结</source>
        <translation>Completed on the spot</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/item.py" line="138"/>
        <source>承诺件：%n个自然日内办结</source>
        <translation>
            <numerusform>Done within %n calendar day</numerusform>
            <numerusform>Done within %n calendar days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/item.py" line="140"/>
        <source>承诺件：%n小时内办结</source>
        <translation>
            <numerusform>Done within %n hour</numerusform>
            <numerusform>Done within %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/item.py" line="142"/>
        <source>承诺件：%n个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/item.py" line="145"/>
        <source>最多跑 %n 次</source>
        <translation>
            <numerusform>At most %n visit</numerusform>
            <numerusform>At most %n visits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="146"/>
        <source>&#x3000;·&#x3000;</source>
        <translation>   ·   </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="147"/>
        <source>收费：{0}</source>
        <translation>Fee: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/item.py" line="155"/>
        <source>%n 份</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="144"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="150"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="150"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="151"/>
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="151"/>
        <source>电子材料</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="152"/>
        <source>主审要件</source>
        <translation>Core</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="152"/>
        <source>非主审要件</source>
        <translation>Secondary</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="156"/>
        <source>必须提交</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="156"/>
        <source>非必须</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="158"/>
        <source>可在线核验</source>
        <translation>Verifiable online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="160"/>
        <source>可告知承诺替代</source>
        <translation>Commitment accepted</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="170"/>
        <source>要求：{text}</source>
        <translation>Requirement: {text}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="185"/>
        <source>正在打印材料清单……</source>
        <translation>Printing the checklist…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/item.py" line="193"/>
        <source>材料清单已打印，请取走</source>
        <translation>Checklist printed, please take it</translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="80"/>
        <source>查找事项：名称、关键词或拼音首字母</source>
        <translation>Find item: name, keyword or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="81"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="83"/>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="140"/>
        <source>尚未选择办理事项</source>
        <translation>No item chosen</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="113"/>
        <source>正在查找……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="121"/>
        <source>{name}（{department}）</source>
        <translation>{name} ({department})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="129"/>
        <source>没有找到相关事项，请换个关键词</source>
        <translation>No matching item; try another keyword</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/intake_form.py" line="142"/>
        <source>办理事项：{0}</source>
        <translation>Item: {0}</translation>
    </message>
</context>
<context>
    <name>ItemTypes</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="66"/>
        <source>行政许可</source>
        <translation>Licensing</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="66"/>
        <source>行政给付</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="67"/>
        <source>行政确认</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="67"/>
        <source>行政奖励</source>
        <translation>Award</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="68"/>
        <source>行政裁决</source>
        <translation>Adjudication</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="68"/>
        <source>行政征收</source>
        <translation>Levy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="69"/>
        <source>行政备案</source>
        <translation>Filing</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="69"/>
        <source>其他行政权力</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="70"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
</context>
<context>
    <name>KeypadWidget</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/widgets.py" line="143"/>
        <location filename="../../hallapp/ui/kiosk/widgets.py" line="155"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/window.py" line="111"/>
        <location filename="../../hallapp/ui/kiosk/window.py" line="218"/>
        <location filename="../../hallapp/ui/kiosk/window.py" line="246"/>
        <location filename="../../hallapp/ui/kiosk/window.py" line="249"/>
        <source>自助取号机</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/window.py" line="247"/>
        <source>自助取号 · 事项查询 · 预约签到</source>
        <translation>Tickets · Service search · Appointment check-in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/window.py" line="377"/>
        <source>已进入适老模式，请点击要办理的业务</source>
        <translation>Senior mode on. Please tap the service you need</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="132"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="133"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="165"/>
        <source>正在统计…</source>
        <translation>Calculating…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="185"/>
        <source>{0} 至 {1}：汇总 %n 天</source>
        <translation>
            <numerusform>{0} to {1}: %n day from summaries</numerusform>
            <numerusform>{0} to {1}: %n days from summaries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="186"/>
        <source>，实时 %n 天</source>
        <translation>
            <numerusform>, %n live</numerusform>
            <numerusform>, %n live</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="187"/>
        <source>{0} 分时段取号与平均等候</source>
        <translation>{0}: tickets and average wait by hour</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="188"/>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="291"/>
        <source>取号</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="188"/>
        <source>平均等候(分)</source>
        <translation>Avg wait (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="191"/>
        <source>每日取号与平均等候</source>
        <translation>Tickets and average wait per day</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="193"/>
        <source>{0}：无数据</source>
        <translation>{0}: no data</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="197"/>
        <source>跨日 P90 按分档汇总：不低于实际值，误差不超过一个分档。</source>
        <translation>P90 over several days comes from binned summaries: never below the true value, at most one bin above.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="225"/>
        <source>已到（含迟到）{0} / 已到与失约 {1}</source>
        <translation>Came (late included) {0} / came or missed {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="238"/>
        <source>预约履约：{0} 至 {1}</source>
        <translation>Appointments kept: {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="250"/>
        <source>明细：{0}</source>
        <translation>Details: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="250"/>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="285"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="294"/>
        <source>全厅</source>
        <translation>Whole hall</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="280"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="286"/>
        <source>按队列</source>
        <translation>By queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="287"/>
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="288"/>
        <source>按人员</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="289"/>
        <source>按事项</source>
        <translation>By item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="290"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="292"/>
        <source>平均等候</source>
        <translation>Avg wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="293"/>
        <source>等候P90</source>
        <translation>Wait P90</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="294"/>
        <source>过号率</source>
        <translation>No-show rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="295"/>
        <source>弃号率</source>
        <translation>Abandon rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="296"/>
        <source>即办率</source>
        <translation>On-spot rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="297"/>
        <source>最多跑一次率</source>
        <translation>One-visit rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="298"/>
        <source>按时办结率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="299"/>
        <source>逾期率</source>
        <translation>Overdue rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="300"/>
        <source>好评率</source>
        <translation>Good rating rate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="301"/>
        <source>差评整改率</source>
        <translation>Poor rating fixed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="302"/>
        <source>平均办理</source>
        <translation>Avg service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="303"/>
        <source>预约履约率</source>
        <translation>Appointments kept</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="304"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="305"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="306"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="307"/>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/kpi.py" line="308"/>
        <source>导出报表…</source>
        <translation>Export reports…</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="61"/>
        <source>综合屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="63"/>
        <source>自助取号</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="65"/>
        <source>窗口工作台</source>
        <translation>Counter desk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="67"/>
        <source>服务评价</source>
        <translation>Service rating</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="69"/>
        <source>后台审批</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="71"/>
        <source>值班长看板</source>
        <translation>Supervisor board</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="73"/>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/launcher.py" line="260"/>
        <source>hallapp 演示 · {0}</source>
        <translation>hallapp demo · {0}</translation>
    </message>
</context>
<context>
    <name>LeaveWindowDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="247"/>
        <source>离开窗口</source>
        <translation>Leave window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="248"/>
        <source>离开 {0} 号窗口但不关窗：窗口保持开放，无人使用，其他工作人员可接手，值班长也可改派；回来时窗口仍无人使用的，在此操作即重新接手。离开记入审计日志。</source>
        <translation>Leave window {0} without closing it: it stays open with nobody at it, for another clerk to take over or the supervisor to assign; if nobody has taken it when you are back, acting at it takes it again. Leaving is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="251"/>
        <source>确认离开</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="251"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="26"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="36"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="37"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="43"/>
        <source>工作人员登录</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="52"/>
        <source>请输入用户名</source>
        <translation>Enter the user name</translation>
    </message>
</context>
<context>
    <name>MaterialsModel</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="175"/>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="176"/>
        <source>在线核验</source>
        <translation>Verified online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="177"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="178"/>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="179"/>
        <source>不符合要求</source>
        <translation>Not acceptable</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="180"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="181"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="182"/>
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="183"/>
        <source>电子材料</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="196"/>
        <source>未核验</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="197"/>
        <source>（容缺待补）</source>
        <translation> (pending)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="206"/>
        <source>选交</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="207"/>
        <source>主审要件</source>
        <translation>Core</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="207"/>
        <source>非主审</source>
        <translation>Secondary</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="219"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="219"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="219"/>
        <source>核验</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="220"/>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="220"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="221"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="171"/>
        <source>转移等候中的号</source>
        <translation>Move waiting tickets</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="177"/>
        <source>如 A012 A013；留空则按数量或全部</source>
        <translation>e.g. A012 A013; empty = by count or all</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="180"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="183"/>
        <source>转出队列</source>
        <translation>From queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="183"/>
        <source>转入队列</source>
        <translation>To queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="184"/>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="184"/>
        <source>数量（最早的）</source>
        <translation>Count (oldest)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="185"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="189"/>
        <source>转移的号保留取号时间，在新队列中按原先的位置叫号。</source>
        <translation>Moved tickets keep their take time and are called in their original place in the new queue.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="207"/>
        <source>转出和转入队列相同</source>
        <translation>The source and target queues are the same</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="208"/>
        <source>请填写原因</source>
        <translation>Give a reason</translation>
    </message>
</context>
<context>
    <name>OfflinePage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/offline.py" line="35"/>
        <source>暂停取号</source>
        <translation>Tickets paused</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/offline.py" line="36"/>
        <source>系统连接中断，暂时无法取号</source>
        <translation>Connection lost; tickets cannot be issued right now</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/offline.py" line="37"/>
        <source>系统正在自动恢复，请稍候；如需帮助请联系工作人员</source>
        <translation>The system is reconnecting, please wait; ask staff if you need help</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="125"/>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="128"/>
        <source>新密码（至少 8 位，含字母和数字）</source>
        <translation>New password (8+ characters, letters and digits)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="129"/>
        <source>再次输入新密码</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="133"/>
        <source>为账号 {0} 设置新密码</source>
        <translation>New password for account {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="141"/>
        <source>两次输入的密码不一致</source>
        <translation>The passwords do not match</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="172"/>
        <source>预计到达 {0} 人/时；预计 p90 等候 {1} 分（目标 {2} 分）；预计弃号率 {3}%（上限 {4}%）</source>
        <translation>Expected {0} arrivals/h; predicted p90 wait {1} min (target {2} min); predicted abandonment {3}% (limit {4}%)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="194"/>
        <source>时段</source>
        <translation>Hour</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="194"/>
        <source>窗口合计</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="195"/>
        <source>预计到达</source>
        <translation>Arrivals</translation>
    </message>
</context>
<context>
    <name>PlannerPanel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="134"/>
        <source>预测日期</source>
        <translation>Forecast date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="135"/>
        <source>生成建议</source>
        <translation>Recommend</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="136"/>
        <source>模拟此方案</source>
        <translation>Simulate this plan</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="137"/>
        <source>预计等候与目标</source>
        <translation>Predicted waits vs targets</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="162"/>
        <source>正在读取历史数据…</source>
        <translation>Reading history…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="176"/>
        <source>正在生成建议（{0} 次模拟 × 若干轮）…</source>
        <translation>Planning ({0} runs × several rounds)…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="195"/>
        <source>正在模拟此方案…</source>
        <translation>Simulating this plan…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="236"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="240"/>
        <source>有时段未达标（红色：p90 等候超过目标或弃号率超过 {1}%）：{0}</source>
        <translation>Target missed in some hours (red: p90 wait over target or abandonment over {1}%): {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="243"/>
        <source>各队列各时段预计 p90 等候均不超过目标，弃号率均不超过 {0}%。</source>
        <translation>Every queue meets its p90 target in every hour, with abandonment at most {0}%.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="248"/>
        <source>全天 p90 高于目标：{0}（各时段合计，波动更大）。</source>
        <translation>Whole-day p90 above target: {0} (all hours pooled, more variable).</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="253"/>
        <source>{0}时需 {1} 个窗口，多于本厅的 {2} 个：可让窗口兼办多个队列，或放宽目标。</source>
        <translation>At {0}:00 the plan needs {1} windows, more than the hall&apos;s {2}: let windows serve several queues, or relax the targets.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="260"/>
        <source>方案已修改：点击“模拟此方案”更新预计等候。</source>
        <translation>Plan edited: click &quot;Simulate this plan&quot; to update the waits.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="269"/>
        <source>本厅历史数据不足，预测使用演示参数</source>
        <translation>Too little history; the forecast uses the demo profile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="270"/>
        <source>本厅历史数据不足（历史号 {0} 个，至少需 {1} 个），预测使用演示参数</source>
        <translation>Too little history (tickets: {0}, at least {1} needed); the forecast uses the demo profile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="278"/>
        <source>尚未载入预测。</source>
        <translation>No forecast loaded yet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/supervisor/planner.py" line="280"/>
        <source>预测依据本厅历史：%n 天（{0}）</source>
        <translation>
            <numerusform>Forecast from this hall&apos;s history: %n day ({0})</numerusform>
            <numerusform>Forecast from this hall&apos;s history: %n days ({0})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="284"/>
        <source>各时段窗口数（双击修改）</source>
        <translation>Windows per hour (double-click to edit)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="285"/>
        <source>各时段预计到达人数（按队列）</source>
        <translation>Expected arrivals per hour (by queue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="288"/>
        <source>预计到达与建议窗口</source>
        <translation>Expected arrivals and recommended windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="289"/>
        <source>到达(人/时)</source>
        <translation>Arrivals (/h)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="289"/>
        <source>窗口数</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="293"/>
        <source>窗口·小时合计 {0}</source>
        <translation>Window-hours: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner.py" line="295"/>
        <source>（建议 {0}，Erlang C 初估 {1}）</source>
        <translation> (recommended {0}, Erlang C estimate {1})</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="100"/>
        <source>调整 {0} 号窗口工作配置</source>
        <translation>Work profile of window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="104"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="104"/>
        <source>优先级</source>
        <translation>Precedence</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="104"/>
        <source>比例</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="119"/>
        <source>按优先级</source>
        <translation>By precedence</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="120"/>
        <source>按比例轮叫</source>
        <translation>By ratio</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="125"/>
        <source>叫号方式</source>
        <translation>Call mode</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="126"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="128"/>
        <source>修改立即生效，下一次叫号即按新配置；修改记入审计日志，日终不会自动恢复。</source>
        <translation>Changes apply from the next call, are recorded in the audit log and are not undone at end of day.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="146"/>
        <source>至少选择一个队列</source>
        <translation>Choose at least one queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/dialogs.py" line="147"/>
        <source>请填写原因</source>
        <translation>Give a reason</translation>
    </message>
</context>
<context>
    <name>QueueBoard</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="443"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="444"/>
        <source>等候</source>
        <translation>Wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="445"/>
        <source>最长</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="446"/>
        <source>预计</source>
        <translation>Est.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="447"/>
        <source>目标</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="448"/>
        <source>窗口</source>
        <translation>Win.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="449"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="450"/>
        <source>预约</source>
        <translation>Appt.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="451"/>
        <source>已到</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="452"/>
        <source>待到</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="69"/>
        <source>留空为不限</source>
        <translation>Empty = no limit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="84"/>
        <source>队列编码</source>
        <translation>Queue code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="84"/>
        <source>队列名称</source>
        <translation>Queue name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="85"/>
        <source>号码前缀</source>
        <translation>Prefix</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="85"/>
        <location filename="../../hallapp/ui/admin/queues.py" line="135"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="86"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="86"/>
        <source>每日限额</source>
        <translation>Daily quota</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="89"/>
        <source>目标等候（分钟）</source>
        <translation>Target wait (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="95"/>
        <source>添加时段</source>
        <translation>Add period</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="96"/>
        <source>删除时段</source>
        <translation>Remove period</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="108"/>
        <source>分时段限额</source>
        <translation>Time-slot quotas</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="109"/>
        <source>新建队列</source>
        <translation>New queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="110"/>
        <source>保存队列</source>
        <translation>Save queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="113"/>
        <location filename="../../hallapp/ui/admin/queues.py" line="186"/>
        <source>停用队列</source>
        <translation>Deactivate queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="121"/>
        <source>取号队列</source>
        <translation>Ticket queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="133"/>
        <source>部门编码</source>
        <translation>Dept. code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="134"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="137"/>
        <source>保存部门</source>
        <translation>Save department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="139"/>
        <source>实施部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="186"/>
        <source>启用队列</source>
        <translation>Reactivate queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="200"/>
        <source>队列 {0} 已重新启用</source>
        <translation>Queue {0} reactivated</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="202"/>
        <source>队列 {0} 已停用：不再取号、预约；已在等候的 {1} 个号照常叫号</source>
        <translation>Queue {0} deactivated: no new tickets or bookings; tickets already waiting, still called: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="223"/>
        <source>队列 {0} 已存在：要修改它，请在左侧列表中选中；新建队列请换一个编码</source>
        <translation>Queue {0} already exists: choose it in the list to change it, or give a new queue another code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="232"/>
        <source>队列 {0} 已保存</source>
        <translation>Queue {0} saved</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/queues.py" line="245"/>
        <source>部门 {0} 已保存</source>
        <translation>Department {0} saved</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="102"/>
        <source>本窗口队列</source>
        <translation>Queues of this window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="108"/>
        <source>合计等候 {0} 人</source>
        <translation>{0} waiting in total</translation>
    </message>
</context>
<context>
    <name>QueueStatusModel</name>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="53"/>
        <source>{0} 分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="54"/>
        <source>约 {0} 分钟</source>
        <translation>~{0} min</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="62"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="62"/>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="63"/>
        <source>最长等候</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="63"/>
        <source>预计</source>
        <translation>Expected</translation>
    </message>
</context>
<context>
    <name>Queues</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="218"/>
        <source>（停用）</source>
        <translation> (inactive)</translation>
    </message>
</context>
<context>
    <name>RatingLevels</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="57"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="57"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="58"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="58"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="59"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>RatingPad</name>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="167"/>
        <source>服务评价 · {0}号窗口</source>
        <translation>Service rating · Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="169"/>
        <source>{0}号窗口已停用，本评价器暂不提供服务评价</source>
        <translation>Window {0} has been retired: this pad takes no ratings</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="172"/>
        <source>{0}号窗口
欢迎办理业务，办结后请对我们的服务作出评价</source>
        <translation>Window {0}
Welcome. When we are done, please rate our service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="175"/>
        <source>评价器须以评价器设备账号登录；工作人员不能代替申请人评价</source>
        <translation>The rating pad must log in with a device account; staff may not rate for applicants</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="176"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="177"/>
        <source>分项评价（可选）</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="178"/>
        <source>请点击下方按钮，对本次服务作出总体评价：</source>
        <translation>Tap a button below to rate this service overall:</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="179"/>
        <source>办事效率</source>
        <translation>Efficiency</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="179"/>
        <source>业务水平</source>
        <translation>Skill</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="180"/>
        <source>服务态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="188"/>
        <source>网络连接中断，暂时无法评价</source>
        <translation>Connection lost; rating is unavailable for now</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/rating.py" line="193"/>
        <source>请对 {0} 号本次服务作出评价</source>
        <translation>Please rate the service for ticket {0}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="216"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RecentCallsModel</name>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="34"/>
        <source>{0}号窗口</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="37"/>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="37"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="314"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="314"/>
        <source>须写明理由和法律依据，将打印不予受理通知书</source>
        <translation>State the reason and legal basis; a refusal notice will be printed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="315"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="316"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
</context>
<context>
    <name>RemainingTime</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="131"/>
        <source>超期{0}个工作日</source>
        <translation>Days overdue: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="128"/>
        <location filename="../../hallapp/ui/backoffice/models.py" line="133"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="135"/>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="137"/>
        <source>剩{0}个工作日</source>
        <translation>Days left: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="139"/>
        <source>{0}，计时暂停</source>
        <translation>{0}, clock stopped</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="49"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="67"/>
        <location filename="../../hallapp/ui/kiosk/result.py" line="111"/>
        <source>打印失败，未出号，请联系工作人员</source>
        <translation>Printing failed, no ticket issued. Please ask staff</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="70"/>
        <source>原因：{problem}</source>
        <translation>Reason: {problem}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="86"/>
        <source>已为您现有的 {number} 号登记预约优先</source>
        <translation>Your appointment now gives your ticket {number} priority</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="89"/>
        <source>您已取过号，请凭原号票等候叫号</source>
        <translation>You already have a ticket; please wait with it for your call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="90"/>
        <source>取号成功，请取走号票</source>
        <translation>Please take your ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="95"/>
        <source>{time} 起优先叫号，此前按原号顺序叫号</source>
        <translation>Called with priority from {time}; until then in its own turn</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="97"/>
        <source>预约号：{time} 起优先叫号</source>
        <translation>Appointment: called with priority from {time}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="98"/>
        <source>前面还有 {n} 人，预计等候约 {m} 分钟</source>
        <translation>{n} ahead of you, about {m} min wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="81"/>
        <source>您已超过预约签到时间，按普通号排队。</source>
        <translation>You checked in after your appointment&apos;s time: you queue as an ordinary ticket. </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="105"/>
        <source>请留意叫号屏幕和语音提示，过号需重新取号</source>
        <translation>Please watch the call screen and listen for your number; a missed ticket needs a new one.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="106"/>
        <source>请留意叫号屏幕和语音提示；过号后 {m} 分钟内可在本机“号票查询”重新排队</source>
        <translation>Please watch the call screen and listen for your number. Missed it? Within {m} min, rejoin the line here under &quot;My ticket&quot;.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="113"/>
        <source>已为您现有的号登记预约优先</source>
        <translation>Your appointment now gives your ticket priority</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="114"/>
        <source>您已取过号</source>
        <translation>You already have a ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="114"/>
        <source>取号成功</source>
        <translation>Ticket issued</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="117"/>
        <source>{first}，您的号码是{number}，{time}起优先叫号</source>
        <translation>{first}. Your number is {number}; as an appointment it is called with priority from {time}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/result.py" line="119"/>
        <source>{first}，您的号码是{number}，前面还有{n}人</source>
        <translation>{first}. Your number is {number}, {n} ahead of you</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="90"/>
        <source>待制证</source>
        <translation>Result to issue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="93"/>
        <source>{0}号窗口</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="95"/>
        <source>未认领</source>
        <translation>Unclaimed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="116"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="116"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="117"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="117"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="118"/>
        <source>受理窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="118"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="119"/>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="119"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/models.py" line="120"/>
        <source>认领人</source>
        <translation>Claimed by</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePanel</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="121"/>
        <source>输入或扫描办件编号打开（含已决定的办件）</source>
        <translation>Enter or scan a case number to open it (decided cases too)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="122"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="269"/>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="270"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="272"/>
        <source>全部窗口</source>
        <translation>All windows</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="273"/>
        <source>{0}号窗口</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="306"/>
        <source>本部门待审办件（{0}）</source>
        <translation>To review ({0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/queue.py" line="307"/>
        <source>超期 {0} · 预警 {1} · 待制证 {2} · 显示 {3}</source>
        <translation>Late {0} · warn {1} · to issue {2} · shown {3}</translation>
    </message>
</context>
<context>
    <name>RoleLabels</name>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="51"/>
        <source>窗口人员</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="51"/>
        <source>后台审批人员</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="52"/>
        <source>值班长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="52"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="53"/>
        <source>自助取号机</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="53"/>
        <source>显示屏/评价器</source>
        <translation>Display/rating pad</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/labels.py" line="54"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="68"/>
        <source>查找办理事项</source>
        <translation>Find a service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="69"/>
        <source>输入名称、关键词或拼音首字母</source>
        <translation>Name, keyword or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="70"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="71"/>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="88"/>
        <source>请先找到要办理的事项，到取号页再刷身份证</source>
        <translation>First find the service you need; your ID card is read on the ticket page.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="92"/>
        <source>正在查找……</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/kiosk/search.py" line="101"/>
        <source>找到 %n 个事项，请点击查看所需材料</source>
        <translation>
            <numerusform>%n service found; tap it to see the materials</numerusform>
            <numerusform>%n services found; tap one to see the materials</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/search.py" line="103"/>
        <source>没有找到相关事项，请换个关键词，或直接返回首页按业务取号</source>
        <translation>Nothing found. Try another keyword, or go home and take a ticket by service</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/settings.py" line="77"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/settings.py" line="78"/>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/settings.py" line="86"/>
        <source>叫号播报模板可用 {number}（号码）和 {window}（窗口号）。修改后各终端即时生效。</source>
        <translation>The announcement template may use {number} (ticket) and {window} (window number). Changes apply to all terminals at once.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/settings.py" line="103"/>
        <source>其他终端修改了大厅设置；保存前可先撤销修改以查看最新值</source>
        <translation>Another terminal changed the hall settings; undo your changes to see the latest values before saving</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/settings.py" line="150"/>
        <source>没有修改</source>
        <translation>Nothing changed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/settings.py" line="156"/>
        <source>已保存 %n 项设置</source>
        <translation>
            <numerusform>%n setting saved</numerusform>
            <numerusform>%n settings saved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SlotModel</name>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="201"/>
        <source>时段</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="201"/>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="201"/>
        <source>限定事项</source>
        <translation>Kept for item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="202"/>
        <source>已约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/models.py" line="202"/>
        <source>余量</source>
        <translation>Free</translation>
    </message>
</context>
<context>
    <name>SlotPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="133"/>
        <source>修改容量</source>
        <translation>Set capacity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="134"/>
        <location filename="../../hallapp/ui/admin/slots.py" line="285"/>
        <source>删除时段</source>
        <translation>Remove slot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="147"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="148"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="149"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="150"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="153"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="154"/>
        <source>每段分钟</source>
        <translation>Minutes per slot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="155"/>
        <source>每段人数</source>
        <translation>Places per slot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="156"/>
        <source>开放时段</source>
        <translation>Open slots</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="158"/>
        <source>左表为所选日期各队列的时段；同一队列已开放的时间不能重复开放。选定事项则开放该事项专用的名额，可与队列通用时段同时开放。</source>
        <translation>The table lists every queue&apos;s slots on the chosen day; hours already open for a queue cannot be opened again. Choosing an item opens places kept for that item, which may be open at the same hours as the queue&apos;s own slots.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="160"/>
        <source>开放预约时段</source>
        <translation>Open appointment slots</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hallapp/ui/admin/slots.py" line="248"/>
        <source>已开放 %n 个时段（{0}–{1}）</source>
        <translation>
            <numerusform>Opened %n slot ({0}–{1})</numerusform>
            <numerusform>Opened %n slots ({0}–{1})</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="266"/>
        <source>在上表中选择一个时段可修改容量或删除</source>
        <translation>Choose a slot in the table to change its capacity or remove it</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="268"/>
        <source>所选 {0} {1} 容量</source>
        <translation>Chosen: {0} {1}, capacity</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="278"/>
        <source>已将 {0} 的容量改为 {1}</source>
        <translation>Capacity of {0} set to {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="285"/>
        <source>删除 {0} {1} 的预约时段？</source>
        <translation>Remove the appointment slot {0} {1}?</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/slots.py" line="290"/>
        <source>已删除 {0} 的时段</source>
        <translation>Slot {0} removed</translation>
    </message>
</context>
<context>
    <name>StaffEditDialog</name>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="38"/>
        <source>修改账号</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="46"/>
        <source>部门编码（后台审批人员必填）</source>
        <translation>Department code (required for approvers)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="49"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="52"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="53"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="54"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="55"/>
        <source>固定窗口</source>
        <translation>Fixed window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff_dialog.py" line="58"/>
        <source>账号 {0}：修改角色或部门后，该账号须重新登录</source>
        <translation>Account {0}: after a change of role or department the account must log in again</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="49"/>
        <source>部门编码（后台审批人员必填）</source>
        <translation>Department code (required for approvers)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="55"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="61"/>
        <source>修改账号</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="62"/>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="63"/>
        <location filename="../../hallapp/ui/admin/staff.py" line="105"/>
        <location filename="../../hallapp/ui/admin/staff.py" line="174"/>
        <source>停用账号</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="79"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="79"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="80"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="80"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="83"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="87"/>
        <source>固定窗口</source>
        <translation>Fixed window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="88"/>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="90"/>
        <source>新账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="105"/>
        <source>启用账号</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="121"/>
        <source>账号 {0} 已添加</source>
        <translation>Account {0} added</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="148"/>
        <source>账号 {0} 没有变化</source>
        <translation>Account {0} is unchanged</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="151"/>
        <source>账号 {0} 已修改；该账号须重新登录</source>
        <translation>Account {0} changed; it must log in again</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="152"/>
        <source>账号 {0} 已修改</source>
        <translation>Account {0} changed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="167"/>
        <source>账号 {0} 的密码已重设</source>
        <translation>Password of account {0} reset</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="184"/>
        <source>停用账号 {0}（{1}）？该账号将立即退出登录，不能再登录；其已认领、尚未办结的办件将退回部门待审。账号不会删除，可以再启用。</source>
        <translation>Disable account {0} ({1})? It is signed out at once and can no longer sign in; the cases it has claimed and not finished go back to its department&apos;s review queue. The account is not deleted and can be enabled again.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="187"/>
        <source>停用账号 {0}（{1}）？该账号将立即退出登录，不能再登录；账号不会删除，可以再启用。</source>
        <translation>Disable account {0} ({1})? It is signed out at once and can no longer sign in. The account is not deleted and can be enabled again.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="193"/>
        <source>账号 {0} 已启用</source>
        <translation>Account {0} enabled</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="196"/>
        <source>账号 {0} 已停用；其认领的 {1} 件办件已退回待审：{2}</source>
        <translation>Account {0} disabled; the {1} case(s) it had claimed are back in their department&apos;s queue: {2}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="199"/>
        <source>账号 {0} 已停用</source>
        <translation>Account {0} disabled</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="206"/>
        <source>；其使用的 {0} 号窗口已释放</source>
        <translation>; window {0}, which they held, is free again</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/staff.py" line="208"/>
        <source>；{0} 号窗口正在办理，仍由其占用，请值班长改派</source>
        <translation>; window {0} is serving an applicant and stays held by them: ask the supervisor to reassign it</translation>
    </message>
</context>
<context>
    <name>StartupWait</name>
    <message>
        <location filename="../../hallapp/ui/common/startup.py" line="105"/>
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/startup.py" line="107"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/startup.py" line="127"/>
        <source>无法连接数据库 {0}：{1}</source>
        <translation>Cannot connect to the database {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/startup.py" line="137"/>
        <source>{0} 秒后自动重试</source>
        <translation>Retrying in {0} s</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/startup.py" line="145"/>
        <source>正在连接数据库…</source>
        <translation>Connecting to the database…</translation>
    </message>
</context>
<context>
    <name>StatusHeader</name>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="49"/>
        <location filename="../../hallapp/ui/counter/status.py" line="58"/>
        <source>{0}号窗口</source>
        <translation>Window {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="50"/>
        <source>工作人员：{0}</source>
        <translation>Clerk: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="56"/>
        <source>正在读取窗口状态……</source>
        <translation>Reading window state…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="60"/>
        <source>● 开放</source>
        <translation>● Open</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="60"/>
        <source>○ 已关闭</source>
        <translation>○ Closed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="61"/>
        <source>‖ 暂停</source>
        <translation>‖ Paused</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/status.py" line="63"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
</context>
<context>
    <name>SupervisorBoard</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="424"/>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="425"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="426"/>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="427"/>
        <source>已叫号</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="428"/>
        <source>办理中</source>
        <translation>serving</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="429"/>
        <source>比例</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="430"/>
        <source>优先</source>
        <translation>Precedence</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="431"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="432"/>
        <source>空闲 {0}</source>
        <translation>Idle {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="434"/>
        <source>{0}号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="435"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="436"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="392"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="437"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="395"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="438"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="393"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="439"/>
        <source>工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="440"/>
        <source>当前号</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="441"/>
        <source>用时/空闲</source>
        <translation>Busy/idle</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="442"/>
        <source>工作配置</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="391"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="415"/>
        <source>预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="462"/>
        <source>另有 {0} 人已过签到宽限时间未到</source>
        <translation>{0} more past their check-in grace period, not arrived</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="464"/>
        <source>提醒</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="465"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="466"/>
        <source>取号</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="280"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="463"/>
        <source>分钟</source>
        <translation>minutes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="389"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="390"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="394"/>
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="396"/>
        <source>取号时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="397"/>
        <source>首次叫号</source>
        <translation>First called</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="398"/>
        <source>开始办理</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="399"/>
        <source>办结</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="400"/>
        <source>等候(分钟)</source>
        <translation>Wait (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="401"/>
        <source>办理(分钟)</source>
        <translation>Service (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="405"/>
        <source>收件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="407"/>
        <source>办结时间</source>
        <translation>Concluded</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="408"/>
        <source>办结时效</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="409"/>
        <source>到现场次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="410"/>
        <source>即办</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="411"/>
        <source>评价时间</source>
        <translation>Rated at</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="413"/>
        <source>回访状态</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="416"/>
        <source>按时签到</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="417"/>
        <source>迟到签到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="418"/>
        <source>失约</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="419"/>
        <source>取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="420"/>
        <source>待签到</source>
        <translation>To come</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="421"/>
        <source>履约率</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="433"/>
        <source>（自 {0}）</source>
        <translation> (since {0})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="453"/>
        <source>等候人数</source>
        <translation>People waiting now</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="454"/>
        <source>最长等候（分钟）</source>
        <translation>Longest wait so far (minutes)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="455"/>
        <source>新取号的预计等候（分钟）</source>
        <translation>Estimated wait for a ticket taken now (minutes)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="456"/>
        <source>目标等候（分钟）</source>
        <translation>Target wait (minutes)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="457"/>
        <source>正在服务该队列的窗口数</source>
        <translation>Open windows serving this queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="458"/>
        <source>今日取号</source>
        <translation>Tickets taken today</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="459"/>
        <source>今日预约（不含取消）</source>
        <translation>Today&apos;s appointments (not cancelled)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="460"/>
        <source>已签到（含迟到）</source>
        <translation>Checked in (late ones too)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="461"/>
        <source>未签到且未过宽限时间</source>
        <translation>Not checked in, grace period not over</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="467"/>
        <source>平均等候(分)</source>
        <translation>Avg wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="468"/>
        <source>等候P90(分)</source>
        <translation>Wait P90</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="469"/>
        <source>平均办理(分)</source>
        <translation>Avg service</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="470"/>
        <source>办理P90(分)</source>
        <translation>Service P90</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="471"/>
        <source>过号率</source>
        <translation>No-show %</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="472"/>
        <source>弃号率</source>
        <translation>Abandon %</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="473"/>
        <source>即办率</source>
        <translation>On-spot %</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="474"/>
        <source>最多跑一次</source>
        <translation>One visit</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="475"/>
        <source>按时办结</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="476"/>
        <source>逾期率</source>
        <translation>Overdue %</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="477"/>
        <source>好评率</source>
        <translation>Good %</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="478"/>
        <source>差评整改</source>
        <translation>Poor fixed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="479"/>
        <source>差评时间</source>
        <translation>Rated at</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="490"/>
        <source>认领人</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="412"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="480"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="414"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="481"/>
        <source>回访期限</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="482"/>
        <source>待回访</source>
        <translation>To follow up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="483"/>
        <source>申诉中</source>
        <translation>Appealed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="484"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="402"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="485"/>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="403"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="486"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="404"/>
        <location filename="../../hallapp/ui/supervisor/models.py" line="487"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="406"/>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="488"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/models.py" line="489"/>
        <source>剩余工作日</source>
        <translation>Days left</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="130"/>
        <source>值班长看板</source>
        <translation>Supervisor board</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="131"/>
        <source>实时看板</source>
        <translation>Live board</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="131"/>
        <source>运行指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="131"/>
        <source>工作清单</source>
        <translation>Work lists</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="132"/>
        <source>排班预测</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/window.py" line="134"/>
        <source>与数据库的连接已中断，正在自动重试；看板内容可能不是最新。</source>
        <translation>Database connection lost, retrying; the board may be out of date.</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="426"/>
        <source>补齐容缺材料</source>
        <translation>Supply pending materials</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="442"/>
        <source>办件 {0}：勾选申请人本次交来的容缺材料（核对原件后登记）</source>
        <translation>Case {0}: tick the pending materials the applicant has brought (check the originals first)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="458"/>
        <source>请至少勾选一项材料</source>
        <translation>Tick at least one material</translation>
    </message>
</context>
<context>
    <name>TakeOverDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="231"/>
        <source>接手窗口</source>
        <translation>Take over window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="232"/>
        <source>{0} 号窗口由 {1} 使用中。请确认 {1} 已离开该窗口（已退出或终端故障）再接手：接手后 {1} 在此窗口的操作将被拒绝，接手记入审计日志。</source>
        <translation>Window {0} is in use by {1}. Take it over only once sure {1} has left it (logged out, or the terminal failed): {1}&apos;s actions at this window are then refused, and the take-over is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="235"/>
        <source>确认接手</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="235"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TakePage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="103"/>
        <location filename="../../hallapp/ui/kiosk/take.py" line="138"/>
        <source>取号：{queue}</source>
        <translation>Ticket: {queue}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="104"/>
        <source>身份证号码（选填，可刷身份证或用右侧键盘输入）</source>
        <translation>ID number (optional: swipe your ID card or use the keypad)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="105"/>
        <source>手机号码（选填，用于接收叫号提醒）</source>
        <translation>Mobile (optional, for call reminders)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="106"/>
        <source>绿色通道（老人、残疾人、军人、孕妇等，选填）</source>
        <translation>Green channel (optional)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="107"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="108"/>
        <source>确认取号</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="119"/>
        <source>普通</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="139"/>
        <source>办理事项：{item}</source>
        <translation>Service: {item}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="143"/>
        <source>您选择了{queue}，请点击确认取号</source>
        <translation>You chose {queue}. Tap Confirm to take a ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="194"/>
        <source>取号机尚未就绪，请稍候</source>
        <translation>The kiosk is not ready yet, please wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/take.py" line="199"/>
        <source>正在出号，请稍候……</source>
        <translation>Issuing your ticket, please wait…</translation>
    </message>
</context>
<context>
    <name>TextFieldsDialog</name>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="65"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="66"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/backoffice/dialogs.py" line="123"/>
        <source>请填写{0}</source>
        <translation>Please fill in: {0}</translation>
    </message>
</context>
<context>
    <name>TicketDeskPanel</name>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="117"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="117"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="117"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="118"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="118"/>
        <source>手机号码</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="122"/>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="123"/>
        <source>为不便使用自助机的申请人取号（导办、帮办）：与自助机同一号段，同样受每日及时段号量限制；同一身份证在同一队列只有一个等候中的号。</source>
        <translation>Take a ticket for an applicant who cannot use the kiosk: the same numbers as the kiosk&apos;s, within the same daily and hourly quotas; one waiting ticket per ID number and queue.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="125"/>
        <source>取号</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="126"/>
        <source>打印号票</source>
        <translation>Print ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="127"/>
        <source>英文号票</source>
        <translation>In English</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="127"/>
        <source>为阅读英文的办事人打印英文号票</source>
        <translation>Print the ticket in English, for an applicant who reads English</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="136"/>
        <source>不限（本队列任一事项）</source>
        <translation>Any (any item of the queue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="175"/>
        <source>普通</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="214"/>
        <source>{queue}，前面 {ahead} 人，预计等候 {minutes} 分钟</source>
        <translation>{queue}: {ahead} ahead, about {minutes} min wait</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="221"/>
        <source>该身份证在本队列已有等候中的号，未另取新号</source>
        <translation>This ID number already has a waiting ticket in this queue; no new one was taken</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="233"/>
        <source>绿色通道：{0}</source>
        <translation>Green channel: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="259"/>
        <source>已保存为 PDF：{0}</source>
        <translation>Saved as PDF: {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="260"/>
        <source>号票已打印</source>
        <translation>Ticket printed</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/desk.py" line="267"/>
        <source>号票打印失败：{0}</source>
        <translation>Printing the ticket failed: {0}</translation>
    </message>
</context>
<context>
    <name>TicketRefDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="400"/>
        <source>过号恢复</source>
        <translation>Back after a miss</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="401"/>
        <source>过号的申请人在规定时间内回来后，输入其号码（或扫描号票），排在其后几位重新等候</source>
        <translation>When an applicant who missed the call comes back in time, enter the ticket number (or scan the ticket); it rejoins a few places back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="405"/>
        <source>挂起恢复</source>
        <translation>Resume suspended ticket</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="406"/>
        <source>申请人补齐材料回来后，输入其挂起的号码，按原位置重新排队</source>
        <translation>When the applicant returns with the materials, enter the suspended ticket; it rejoins at its original place</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="403"/>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="407"/>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
</context>
<context>
    <name>TicketStatusPage</name>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="65"/>
        <source>号票查询 · 过号重排</source>
        <translation>My ticket · Rejoin after a missed call</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="67"/>
        <source>请将号票上的二维码对准扫描口，或输入号票上的号码（如 A018）后点击查询</source>
        <translation>Hold the QR code on your ticket to the scanner, or type the number on it (e.g. A018) and press Look up.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="68"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="69"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="70"/>
        <source>重新排队</source>
        <translation>Rejoin the line</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="98"/>
        <source>查询号票不用刷身份证：请扫描号票上的二维码，或输入号票上的号码</source>
        <translation>No ID card is needed here: scan the QR code on your ticket, or enter the number printed on it.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="102"/>
        <source>请扫描号票二维码或输入号码</source>
        <translation>Please scan the ticket&apos;s QR code or type its number.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="106"/>
        <source>正在查询，请稍候……</source>
        <translation>Looking it up, please wait…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="113"/>
        <source>{number}，{state}</source>
        <translation>{number}, {state}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="150"/>
        <source>已重新排队，您的号码是{number}，前面还有{n}人</source>
        <translation>You are back in the line. Your number is {number}; {n} ahead of you.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="167"/>
        <source>已重新排队，请凭原号票等候叫号</source>
        <translation>Back in the line: keep your ticket and wait to be called</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="177"/>
        <source>预约号：{time} 起优先叫号</source>
        <translation>Appointment: called with priority from {time}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="179"/>
        <source>等候中：前面还有 {n} 人，预计等候约 {m} 分钟</source>
        <translation>Waiting: {n} ahead of you, about {m} min</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="182"/>
        <source>已挂起，补齐材料后请联系工作人员</source>
        <translation>On hold: once your documents are complete, please see the staff</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="183"/>
        <source>正在叫号，请到 {w} 号窗口</source>
        <translation>Called now: please go to window {w}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="184"/>
        <source>正在 {w} 号窗口办理</source>
        <translation>Being served at window {w}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="185"/>
        <source>已挂起，补齐材料后请到 {w} 号窗口</source>
        <translation>On hold: once your documents are complete, go to window {w}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="186"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="187"/>
        <source>已过号</source>
        <translation>Missed (passed as absent)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="189"/>
        <source>本号已作废</source>
        <translation>This ticket is no longer valid</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="194"/>
        <source>{time} 前可点击“重新排队”，无需重新取号</source>
        <translation>Press &quot;Rejoin the line&quot; before {time}; no new ticket is needed.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="197"/>
        <source>已超过可重新排队的时间，请重新取号</source>
        <translation>Too late to rejoin the line; please take a new ticket.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="199"/>
        <source>请重新取号</source>
        <translation>Please take a new ticket.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/kiosk/status.py" line="201"/>
        <source>无需重新取号，工作人员会为您恢复排队</source>
        <translation>No new ticket is needed: the staff will put you back in the line.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="360"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="360"/>
        <source>转到其他队列或窗口，保留原取号时间</source>
        <translation>Move to another queue or window, keeping the take time</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="361"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="361"/>
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="362"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="372"/>
        <source>请选择队列或填写窗口号</source>
        <translation>Choose a queue or enter a window number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="375"/>
        <source>窗口号应为数字</source>
        <translation>The window number must be a number</translation>
    </message>
</context>
<context>
    <name>UnsavedDialog</name>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="32"/>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="36"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="37"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/dialogs.py" line="38"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VerdictTableModel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="227"/>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="230"/>
        <source>{0}（{1}时）</source>
        <translation>{0} ({1}:00)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="235"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="235"/>
        <source>目标 p90(分)</source>
        <translation>Target p90 (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="236"/>
        <source>全天 p90(分)</source>
        <translation>Day p90 (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="236"/>
        <source>最差时段 p90(分)</source>
        <translation>Worst hour p90 (min)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="237"/>
        <source>最高弃号率(%)</source>
        <translation>Highest abandonment (%)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/planner_models.py" line="237"/>
        <source>未达标时段数</source>
        <translation>Hours missed</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="27"/>
        <source>网上</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="29"/>
        <source>现场 {0}，同日不另计</source>
        <translation>in person, ticket {0}, same day: not another trip</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="32"/>
        <source>现场 {0}</source>
        <translation>in person, ticket {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="34"/>
        <source>现场</source>
        <translation>in person</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="36"/>
        <source>{0} {1}（{2}）</source>
        <translation>{0} {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="43"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/visits.py" line="44"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>WaitingCountsModel</name>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="60"/>
        <source>{0}人</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="63"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/board/models.py" line="63"/>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
</context>
<context>
    <name>WindowPage</name>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="82"/>
        <source>添加队列</source>
        <translation>Add queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="83"/>
        <source>删除所选队列</source>
        <translation>Remove queue</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="87"/>
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="88"/>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="89"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="90"/>
        <source>窗口类型</source>
        <translation>Window type</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="91"/>
        <source>叫号方式</source>
        <translation>Call mode</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="101"/>
        <source>服务队列</source>
        <translation>Queues served</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="102"/>
        <source>新建窗口</source>
        <translation>New window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="103"/>
        <source>保存窗口</source>
        <translation>Save window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="106"/>
        <location filename="../../hallapp/ui/admin/windows.py" line="191"/>
        <source>停用窗口</source>
        <translation>Retire window</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="115"/>
        <source>按优先级：先叫优先级数字小的队列；按比例：按比例轮流叫号（如 2:1），低优先级队列不会被饿死。</source>
        <translation>By precedence: the queue with the lowest number is called first. By ratio: queues take turns by ratio (e.g. 2:1), so no queue starves.</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="164"/>
        <source>{0}号窗口已存在：要修改它，请在左侧列表中选中；新建窗口请换一个窗口号</source>
        <translation>Window {0} already exists: choose it in the list to change it, or give a new window another number</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="176"/>
        <source>{0}号窗口已保存</source>
        <translation>Window {0} saved</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="191"/>
        <source>恢复使用</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="206"/>
        <source>{0}号窗口已恢复使用</source>
        <translation>Window {0} reinstated</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="208"/>
        <source>{0}号窗口已停用；以下账号不再固定在此窗口：{1}</source>
        <translation>Window {0} retired; these accounts no longer have it as their fixed window: {1}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/admin/windows.py" line="211"/>
        <source>{0}号窗口已停用</source>
        <translation>Window {0} retired</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="265"/>
        <source>撤回办件 {0}</source>
        <translation>Withdraw case {0}</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="266"/>
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="267"/>
        <source>撤回办件</source>
        <translation>Withdraw case</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/counter/dialogs.py" line="267"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>WorkListPanel</name>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="65"/>
        <source>办结回访…</source>
        <translation>Close follow-up…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="66"/>
        <source>释放认领…</source>
        <translation>Release claim…</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="73"/>
        <source>差评回访（未办结 {0} 件）</source>
        <translation>Poor-rating follow-ups ({0} open)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="74"/>
        <source>临近期限与已逾期办件（逾期 {0} 件）</source>
        <translation>Cases near or past deadline ({0} overdue)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="103"/>
        <source>请先选择一条差评回访</source>
        <translation>Select a follow-up first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="106"/>
        <source>办结差评回访</source>
        <translation>Close follow-up</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="107"/>
        <source>填写回访与整改情况（记入审计日志）</source>
        <translation>Describe the call-back and remedy (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="120"/>
        <source>请先选择一件已有人认领的办件</source>
        <translation>Select a case someone has claimed first</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="121"/>
        <source>办件 {0} 无人认领，无需释放</source>
        <translation>Case {0} is not claimed by anyone: there is no claim to release</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="124"/>
        <source>释放认领</source>
        <translation>Release claim</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="125"/>
        <source>办件 {0} 由 {1} 认领审查。释放后退回本部门待审，其他审批人员可以认领（记入审计日志）</source>
        <translation>Case {0} is claimed for review by {1}. Released, it goes back to its department&apos;s queue, where another approver can claim it (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="135"/>
        <source>办件 {0} 已退回待审，其他审批人员可以认领</source>
        <translation>Case {0} is back in its department&apos;s queue: another approver can claim it</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="141"/>
        <source>已电话回访，致歉并说明情况</source>
        <translation>Called back, apologised and explained</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="142"/>
        <source>已核实，对工作人员进行提醒教育</source>
        <translation>Checked; the staff member was reminded and coached</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="143"/>
        <source>已整改到位</source>
        <translation>Put right</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="144"/>
        <source>经核实为恶意差评，申诉成立</source>
        <translation>Checked: a malicious rating; the appeal is upheld</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="145"/>
        <source>审批人员请假，改派他人</source>
        <translation>Approver on leave; reassign to someone else</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="146"/>
        <source>审批人员外出，临近期限</source>
        <translation>Approver away and the deadline is near</translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/supervisor/worklists.py" line="147"/>
        <source>审批人员已调岗</source>
        <translation>Approver has moved to another post</translation>
    </message>
</context>
</TS>
