create table category (
    id      uuid primary key,
    slug    varchar(60)  not null unique,
    name    varchar(100) not null,
    version bigint       not null
);
