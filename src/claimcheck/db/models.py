"""ORM rows. Only the database layer knows these; stages pass dataclasses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Source(Base):
    """A document, identified by the hash of its content."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    path: Mapped[str] = mapped_column(String(4096), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    published_how: Mapped[str] = mapped_column(String(16), default="unknown")
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column()
    # the original of the near-copy family this source belongs to (compare.copies), None for an
    # original: a family counts as one source. No foreign key (see migration 0013).
    copy_of: Mapped[int | None] = mapped_column(Integer, index=True)
    # the content hash its family and band hashes were computed for; None until they are (a
    # new or edited document), indexed so that finding those never scans the texts' table
    signed_hash: Mapped[str | None] = mapped_column(String(64), index=True)

    claims: Mapped[list[Claim]] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True
    )


class SourceBand(Base):
    """One MinHash band hash of a source's text (compare.copies): a new document's near-copy
    candidates are the sources that share a band with it."""

    __tablename__ = "source_bands"

    band: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True, autoincrement=False, index=True
    )


class ClaimGroup(Base):
    """Claims about the same subject, metric and object (and unit), compared."""

    __tablename__ = "claim_groups"
    __table_args__ = (UniqueConstraint("key", name="uq_claim_groups_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))  # sha256 of kind/subject/metric/object/unit
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    object: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    n_claims: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    n_clusters: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column()


class GroupRival(Base):
    """Two sides of a group in conflict that truly conflict (a claim of each cannot both hold,
    and they are not a change over time). Written when the group is recomputed, so that
    TruthFinder reads its rival pairs instead of comparing every conflict group again."""

    __tablename__ = "group_rivals"

    group_id: Mapped[int] = mapped_column(ForeignKey("claim_groups.id", ondelete="CASCADE"), primary_key=True)
    side_a: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    side_b: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class Claim(Base):
    """One claim with its provenance: the quote and offsets into the source's text."""

    __tablename__ = "claims"
    __table_args__ = (
        # covering for TruthFinder's (group, side, source) scan; its prefix serves group lookups
        Index("ix_claims_group_side_source", "group_id", "value_cluster", "source_id"),
        Index("ix_claims_key", "kind", "subject", "metric", "object", "unit"),
        # covering for regrouping: a group's distinct values, counted, straight from the index
        Index(
            "ix_claims_group_values",
            "group_key",
            "low",
            "high",
            "period_start",
            "period_end",
            "period_text",
            "value_text",
            "kind",
            "unit",
            "source_id",
            "group_id",
            "value_cluster",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    object: Mapped[str | None] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    period_text: Mapped[str | None] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    surface_start: Mapped[int] = mapped_column(Integer)
    surface_end: Mapped[int] = mapped_column(Integer)
    stated_value: Mapped[float | None] = mapped_column(Float)
    stated_unit: Mapped[str | None] = mapped_column(String(32))
    extractor_version: Mapped[str] = mapped_column(String(32))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("claim_groups.id", ondelete="SET NULL"))
    value_cluster: Mapped[int | None] = mapped_column(Integer)
    # sha256 of what makes claims comparable (compare.comparison_key); regrouping reads by it
    group_key: Mapped[str | None] = mapped_column(String(64))
    subject_alias: Mapped[str | None] = mapped_column(Text)  # the subject as written, before resolution
    # where the subject came from (model.Claim.subject_how): stated, document title, event,
    # most-named place (a guess); None without a subject, and for claims stored before 0009
    subject_how: Mapped[str | None] = mapped_column(String(32))
    # compared only with its own document's claims (model.Claim.local): its identity was not
    # confident enough to meet other documents' (compare.identity), so its group key has its source
    compared_within_source: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the measure the claim names (model.Claim.measure), of which its group key is made
    # instead of the metric as written; None for claims stored before 0010 and non-figures
    measure: Mapped[str | None] = mapped_column(String(200))

    source: Mapped[Source] = relationship(back_populates="claims")


class Entity(Base):
    """A person, country or organisation that claims name, under one canonical name."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # person | country | organisation | other
    created_at: Mapped[datetime] = mapped_column()

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True
    )


class EntityAlias(Base):
    """A spelling seen in the documents and how it came to name its entity."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(512), unique=True)
    how: Mapped[str] = mapped_column(String(16))  # same | lexicon | auto | user
    reason: Mapped[str | None] = mapped_column(Text)  # for automatic merges: why
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column()

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class EntityRule(Base):
    """A user's correction: always merge `alias` into `target`, or never (split)."""

    __tablename__ = "entity_rules"
    __table_args__ = (UniqueConstraint("action", "alias", "target", name="uq_entity_rules_action_alias_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(8))  # merge | split
    alias: Mapped[str] = mapped_column(String(512))
    target: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column()


class PendingGroup(Base):
    """A group whose claims changed and that has not been recomputed yet.

    Documents are committed one by one; their groups are recomputed in bulk after each batch
    (and after a crash, at the start of the next command), so a group shared by many
    documents is not recomputed once per document."""

    __tablename__ = "pending_groups"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)


class SourceFile(Base):
    """A file that was ingested, and the source holding its current content.

    A source is one content (its hash); a file is one place, named by its resolved absolute
    path. Several files may hold the same content (copies): each maps to the one source, and
    when one of them changes, the others keep it. A source no file maps to any more is
    removed. Databases from before revision 0007 have the path as it was typed here."""

    __tablename__ = "source_files"

    path: Mapped[str] = mapped_column(String(4096), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)


class SourceOverride(Base):
    """Metadata a user supplied for a file (`claimcheck sources set`); survives re-ingestion."""

    __tablename__ = "source_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(4096), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column()


from claimcheck.db import verdict_models as _verdict_models  # noqa: E402,F401
