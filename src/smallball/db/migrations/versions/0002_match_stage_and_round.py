"""match stage and round

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:27:46.200006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("stage", sa.String(length=20), nullable=False, server_default="knockout")
        )
        batch_op.add_column(sa.Column("group_number", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("round_number", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.drop_column("number")
        batch_op.drop_column("round_number")
        batch_op.drop_column("group_number")
        batch_op.drop_column("stage")
