-- The W3C trace context of the work that appended an event (docs/adr/0035-traces-through-the-outbox.md): the relay
-- moves it into the record's traceparent (and tracestate) header, so the consumers' spans continue the trace.
-- Null when the event was written outside a trace, as every event is while tracing is off.
alter table outbox_event add column traceparent varchar(55);
alter table outbox_event add column tracestate varchar(512);
