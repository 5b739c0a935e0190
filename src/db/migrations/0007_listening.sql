CREATE TABLE "listening_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"query_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"detail" jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_counts" (
	"query_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listening_counts_query_id_minute_pk" PRIMARY KEY("query_id","minute")
);
--> statement-breakpoint
CREATE TABLE "listening_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_mentions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"query_ids" uuid[] NOT NULL,
	"source" text NOT NULL,
	"remote_id" text NOT NULL,
	"url" text NOT NULL,
	"author_handle" text NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"text" text NOT NULL,
	"lang" text DEFAULT 'und' NOT NULL,
	"sentiment" text NOT NULL,
	"sentiment_score" real DEFAULT 0 NOT NULL,
	"hashtags" text[] DEFAULT '{}'::text[] NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_queries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"tree" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"own_brand" boolean DEFAULT false NOT NULL,
	"mastodon_instances" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"feed_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"spike_sigma" real DEFAULT 3 NOT NULL,
	"spike_min_count" integer DEFAULT 10 NOT NULL,
	"negative_jump_points" real DEFAULT 20 NOT NULL,
	"alert_cooldown_minutes" integer DEFAULT 60 NOT NULL,
	"alert_email" boolean DEFAULT true NOT NULL,
	"backfilled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "listening_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_counts" ADD CONSTRAINT "listening_counts_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_counts" ADD CONSTRAINT "listening_counts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_mentions" ADD CONSTRAINT "listening_mentions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listening_alerts_query_idx" ON "listening_alerts" USING btree ("query_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "listening_mentions_post_key" ON "listening_mentions" USING btree ("workspace_id","source","remote_id");--> statement-breakpoint
CREATE INDEX "listening_mentions_time_idx" ON "listening_mentions" USING btree ("workspace_id","posted_at");--> statement-breakpoint
CREATE INDEX "listening_mentions_queries_idx" ON "listening_mentions" USING gin ("query_ids");--> statement-breakpoint
CREATE INDEX "listening_queries_workspace_idx" ON "listening_queries" USING btree ("workspace_id");