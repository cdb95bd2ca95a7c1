-- A delivery job is DROPPED when its receiver platform is no longer registered or ended its OCPI connection, and
-- FAILED after delivery.max-attempts counted failures at the head of its queue (retries, reset by an operator's retry).
alter table delivery_job drop constraint delivery_job_status_check;
alter table delivery_job add constraint delivery_job_status_check
    check (status in ('PENDING', 'DELIVERED', 'FAILED', 'DROPPED'));
alter table delivery_job add column retries int not null default 0;
