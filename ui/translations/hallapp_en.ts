<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="26"/>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="36"/>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="37"/>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="43"/>
        <source>工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../hallapp/ui/common/login.py" line="52"/>
        <source>请输入用户名</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
