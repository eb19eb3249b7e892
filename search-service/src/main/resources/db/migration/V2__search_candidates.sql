-- Cheap, relevance-ordered candidate sets for ranking (see SearchIndexReader): every word of this catalog occurs in
-- hundreds to tens of thousands of documents, so a query cannot rank all its matches within its time budget.

-- The title words alone (unweighted), with their own GIN index: title matches are the ones that rank highest (a
-- title occurrence weighs 1.0 against 0.4 for the description), and title suggestions match here without a
-- weight recheck of every document that has the word anywhere.
alter table search_document add column title_vector tsvector generated always as (
    to_tsvector('english', coalesce(title, ''))) stored;
create index search_document_title_vector on search_document using gin (title_vector) where not deleted;
create index search_document_newsletter_title_vector on search_document using gin (title_vector)
    where not deleted and type = 'newsletter';

-- Freshness order, for the most recent matches (the ones the freshness boost lifts): the planner walks it and stops
-- after enough matches when the words are common, or sorts the few matches when they are rare.
create index search_document_recent on search_document ((coalesce(fresh_at, indexed_at)) desc, id) where not deleted;
