-- holiday: the Cabinet Office table (内閣府「国民の祝日」syukujitsu.csv) as staff loaded it. For every year with
-- at least one row here, only these rows count; other years come from the calculator. See docs/modules/holiday.md.
create table public_holiday_override (
    holiday_date date         primary key check (holiday_date between date '1955-01-01' and date '2099-12-31'),
    name         varchar(100) not null check (length(btrim(name)) > 0),
    loaded_at    timestamptz  not null,
    loaded_by    varchar(254) not null
);
