ALTER TABLE "social_accounts" ADD COLUMN "text_limit" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "require_alt_text" boolean DEFAULT false NOT NULL;