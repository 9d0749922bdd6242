-- CreateIndex
CREATE INDEX CONCURRENTLY "Member_email_idx" ON "Member"("email");
