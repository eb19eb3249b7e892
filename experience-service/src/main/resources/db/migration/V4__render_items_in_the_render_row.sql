-- What a render showed moves into its own row, as three parallel arrays (item, section, position): recording a
-- served page becomes one row and one index entry instead of one row, one primary-key entry and one foreign-key
-- check per shown item (40-50 per page), which made the render write the largest part of a page's cost.
alter table render
    add column item_ids      uuid[]        not null default '{}',
    add column section_types varchar(50)[] not null default '{}',
    add column positions     int[]         not null default '{}';

update render r
set item_ids      = shown.items,
    section_types = shown.sections,
    positions     = shown.positions
from (select render_id,
             array_agg(item_id order by section_type, position)      as items,
             array_agg(section_type order by section_type, position) as sections,
             array_agg(position order by section_type, position)     as positions
      from render_item
      group by render_id) shown
where shown.render_id = r.id;

drop table render_item;
