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
</context>
<context>
    <name>ArrearsPlurals</name>
    <message numerus="yes">
        <source>%n customer(s): {names}</source>
        <translation>
            <numerusform>%n customer: {names}</numerusform>
            <numerusform>%n customers: {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disconnection request(s) recorded; a second supervisor can approve from {when}.</source>
        <translation>
            <numerusform>%n disconnection request recorded; a second supervisor can approve from {when}.</numerusform>
            <numerusform>%n disconnection requests recorded; a second supervisor can approve from {when}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 30-minute reminder(s) sent.</source>
        <translation>
            <numerusform>%n 30-minute reminder sent.</numerusform>
            <numerusform>%n 30-minute reminders sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already waiting for approval.</source>
        <translation>
            <numerusform>%n already waiting for approval.</numerusform>
            <numerusform>%n already waiting for approval.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not requested: {why}.</source>
        <translation>
            <numerusform>%n not requested: {why}.</numerusform>
            <numerusform>%n not requested: {why}.</numerusform>
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
    <name>ControlConfirmDialog</name>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message numerus="yes">
        <source>%n command(s) · {waiting} awaiting approval · {failures} failed</source>
        <translation>
            <numerusform>%n command · {waiting} awaiting approval · {failures} failed</numerusform>
            <numerusform>%n commands · {waiting} awaiting approval · {failures} failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CostControlDialog</name>
    <message numerus="yes">
        <source>Cost control would now write %n item(s) in your units (accounts concerned: {accounts}):</source>
        <translation>
            <numerusform>Cost control would now write %n item in your units (accounts concerned: {accounts}):</numerusform>
            <numerusform>Cost control would now write %n items in your units (accounts concerned: {accounts}):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n:</source>
        <translation>
            <numerusform>The first %n:</numerusform>
            <numerusform>The first %n:</numerusform>
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
    <name>DisconnectRequestDialog</name>
    <message numerus="yes">
        <source>Request %n disconnection(s)</source>
        <translation>
            <numerusform>Request %n disconnection</numerusform>
            <numerusform>Request %n disconnections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Serve %n disconnect notice(s)</source>
        <translation>
            <numerusform>Serve %n disconnect notice</numerusform>
            <numerusform>Serve %n disconnect notices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n can be requested now; a second supervisor can approve from {when}.</source>
        <translation>
            <numerusform>• %n can be requested now; a second supervisor can approve from {when}.</numerusform>
            <numerusform>• %n can be requested now; a second supervisor can approve from {when}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n still lack the 30-minute reminder before the cut: it is sent with the request; approval possible from {when}.</source>
        <translation>
            <numerusform>• %n still lacks the 30-minute reminder before the cut: it is sent with the request; approval possible from {when}.</numerusform>
            <numerusform>• %n still lack the 30-minute reminder before the cut: it is sent with the request; approval possible from {when}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n have no disconnect notice served: serve it first; the cut is possible from {when} at the earliest.</source>
        <translation>
            <numerusform>• %n has no disconnect notice served: serve it first; the cut is possible from {when} at the earliest.</numerusform>
            <numerusform>• %n have no disconnect notice served: serve it first; the cut is possible from {when} at the earliest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n already requested, waiting for approval.</source>
        <translation>
            <numerusform>• %n already requested, waiting for approval.</numerusform>
            <numerusform>• %n already requested, waiting for approval.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n cannot be requested: {why}</source>
        <translation>
            <numerusform>• %n cannot be requested: {why}</numerusform>
            <numerusform>• %n cannot be requested: {why}</numerusform>
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
    <name>HeldPanel</name>
    <message numerus="yes">
        <source>%n held payment(s), {total} yuan</source>
        <translation>
            <numerusform>%n held payment, {total} yuan</numerusform>
            <numerusform>%n held payments, {total} yuan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message numerus="yes">
        <source>{state} (tried %n time(s)): {error}</source>
        <translation>
            <numerusform>{state} (tried %n time): {error}</numerusform>
            <numerusform>{state} (tried %n times): {error}</numerusform>
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
    <name>UsageInspectionPanel</name>
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
