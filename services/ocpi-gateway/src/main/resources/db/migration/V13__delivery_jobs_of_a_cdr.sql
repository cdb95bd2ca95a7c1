-- The operator's view of one CDR (GET /admin/cdrs/{country_code}/{party_id}/{cdr_id}) lists the delivery jobs that
-- carried it. delivery_job keeps every job, so without an index that read scans the whole queue's history. Only CDR
-- jobs are indexed: one more index entry per CDR delivered, none for the other modules' pushes.
create index delivery_job_cdr_object on delivery_job (object_key) where module = 'cdrs';
