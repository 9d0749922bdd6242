-- A rule whose actions hold semicolons inside parentheses, next to a concurrent index build.
CREATE RULE "Member_notify" AS ON UPDATE TO "Member" DO ALSO (NOTIFY member_changed; NOTIFY member_touched);

-- CreateIndex
CREATE INDEX CONCURRENTLY "Member_role_idx" ON "Member"("role");
