-- The A/B experiment variant that ranked a render's recommended section (null: no experiment running, or the
-- recommendation service did not answer). Interactions reference their render, so they carry its variant too.
alter table render
    add column experiment varchar(63),
    add column variant    varchar(63);

-- The experiment report reads an experiment's renders, then their recommended section's interactions: partial
-- indexes hold only those rows, so renders and interactions outside experiments pay nothing for them.
create index render_experiment on render (experiment, variant) where experiment is not null;
create index interaction_recommended_by_render on interaction (render_id)
    where render_id is not null and section_type = 'recommended';
