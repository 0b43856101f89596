-- Spring Modulith's event publication registry (schema version 2 of spring-modulith-events-jdbc 2.1, PostgreSQL).
-- An event that a transactional listener must handle is written here in the publishing transaction; the listener's
-- completion deletes the row (spring.modulith.events.completion-mode=delete). Rows still here at start are
-- publications whose listener never finished (the process died, or the listener failed): they are re-run.
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
