-- SPDX-License-Identifier: AGPL-3.0-or-later
-- GET /open311/v2/requests: published reports, newest first, ties by id. This index gives that order directly
-- (no filter on published, no incremental sort by id) for the default 90-day window and its 1,000 cap.
create index report_published_requested_idx on report (requested_at desc, id desc) where published;
