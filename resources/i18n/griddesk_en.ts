<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArrearsPanel</name>
    <message numerus="yes">
        <source>%n customer(s) · arrears {arrears} · late fees {fees} · total {total} yuan</source>
        <translation>
            <numerusform>%n customer · arrears {arrears} · late fees {fees} · total {total} yuan</numerusform>
            <numerusform>%n customers · arrears {arrears} · late fees {fees} · total {total} yuan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send an arrears reminder to %n customer(s)?</source>
        <translation>
            <numerusform>Send an arrears reminder to %n customer?</numerusform>
            <numerusform>Send an arrears reminder to %n customers?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Serve a disconnect notice on %n customer(s)? Protected customers are left out.</source>
        <translation>
            <numerusform>Serve a disconnect notice on %n customer? Protected customers are left out.</numerusform>
            <numerusform>Serve a disconnect notice on %n customers? Protected customers are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Request disconnection of %n customer(s)? A supervisor approves each request before a meter is switched.</source>
        <translation>
            <numerusform>Request disconnection of %n customer? A supervisor approves each request before a meter is switched.</numerusform>
            <numerusform>Request disconnection of %n customers? A supervisor approves each request before a meter is switched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) recorded for sending.</source>
        <translation>
            <numerusform>%n reminder recorded for sending.</numerusform>
            <numerusform>%n reminders recorded for sending.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disconnect notice(s) recorded for serving.</source>
        <translation>
            <numerusform>%n disconnect notice recorded for serving.</numerusform>
            <numerusform>%n disconnect notices recorded for serving.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disconnection request(s) recorded for approval.</source>
        <translation>
            <numerusform>%n disconnection request recorded for approval.</numerusform>
            <numerusform>%n disconnection requests recorded for approval.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BucketStrip</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CashUpDialog</name>
    <message numerus="yes">
        <source>{name} — %n payment(s), {state}</source>
        <translation>
            <numerusform>{name} — %n payment, {state}</numerusform>
            <numerusform>{name} — %n payments, {state}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}&apos;s day {day} is closed by {boss} at {time}: %n payment(s). {verdict}</source>
        <translation>
            <numerusform>{name}&apos;s day {day} is closed by {boss} at {time}: %n payment. {verdict}</numerusform>
            <numerusform>{name}&apos;s day {day} is closed by {boss} at {time}: %n payments. {verdict}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerLookup</name>
    <message numerus="yes">
        <source>%n shown of more than 1,000</source>
        <translation>
            <numerusform>%n shown of more than 1,000</numerusform>
            <numerusform>%n shown of more than 1,000</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message numerus="yes">
        <source>(%n day(s) overdue)</source>
        <translation>
            <numerusform>(%n day overdue)</numerusform>
            <numerusform>(%n days overdue)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerWorkOrders</name>
    <message numerus="yes">
        <source>Open work orders: %n</source>
        <translation>
            <numerusform>Open work orders: %n</numerusform>
            <numerusform>Open work orders: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Satisfaction {stars} {mean:.1f} from %n rating(s)</source>
        <translation>
            <numerusform>Satisfaction {stars} {mean:.1f} from %n rating</numerusform>
            <numerusform>Satisfaction {stars} {mean:.1f} from %n ratings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportRouteDialog</name>
    <message numerus="yes">
        <source>Route with %n order(s) saved.</source>
        <translation>
            <numerusform>Route with %n order saved.</numerusform>
            <numerusform>Route with %n orders saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportViewer</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwitchConfirmDialog</name>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwitchPanel</name>
    <message numerus="yes">
        <source>%n command(s) · {waiting} awaiting approval · {failures} failed</source>
        <translation>
            <numerusform>%n command · {waiting} awaiting approval · {failures} failed</numerusform>
            <numerusform>%n commands · {waiting} awaiting approval · {failures} failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TheftPanel</name>
    <message numerus="yes">
        <source>%n suspect(s) selected</source>
        <translation>
            <numerusform>%n suspect selected</numerusform>
            <numerusform>%n suspects selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inspection order(s) opened</source>
        <translation>
            <numerusform>%n inspection order opened</numerusform>
            <numerusform>%n inspection orders opened</numerusform>
        </translation>
    </message>
</context>
</TS>
