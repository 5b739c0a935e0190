CREATE TABLE "list_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_columns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_items" (
	"workspace_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"item_id" text NOT NULL,
	"sort_at" timestamp with time zone NOT NULL,
	"item" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stream_items_workspace_id_source_key_item_id_pk" PRIMARY KEY("workspace_id","source_key","item_id")
);
--> statement-breakpoint
CREATE TABLE "stream_sources" (
	"workspace_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"older_cursor" text,
	"reached_end" integer DEFAULT 0 NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stream_sources_workspace_id_source_key_pk" PRIMARY KEY("workspace_id","source_key")
);
--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "reply_to_remote" jsonb;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "quote_of" jsonb;--> statement-breakpoint
ALTER TABLE "list_templates" ADD CONSTRAINT "list_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_templates" ADD CONSTRAINT "list_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_boards" ADD CONSTRAINT "stream_boards_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_boards" ADD CONSTRAINT "stream_boards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_columns" ADD CONSTRAINT "stream_columns_board_id_stream_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."stream_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_columns" ADD CONSTRAINT "stream_columns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_columns" ADD CONSTRAINT "stream_columns_account_id_social_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_items" ADD CONSTRAINT "stream_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_sources" ADD CONSTRAINT "stream_sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_sources" ADD CONSTRAINT "stream_sources_account_id_social_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "list_templates_workspace_idx" ON "list_templates" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "stream_boards_owner_idx" ON "stream_boards" USING btree ("workspace_id","user_id","position");--> statement-breakpoint
CREATE INDEX "stream_columns_board_idx" ON "stream_columns" USING btree ("board_id","position");--> statement-breakpoint
CREATE INDEX "stream_items_page_idx" ON "stream_items" USING btree ("workspace_id","source_key","sort_at");--> statement-breakpoint
CREATE INDEX "stream_sources_due_idx" ON "stream_sources" USING btree ("next_poll_at");