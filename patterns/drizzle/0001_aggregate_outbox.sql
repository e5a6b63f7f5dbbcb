CREATE TABLE "evc_aggregate_outbox" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"event" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "evc_aggregate_outbox_event_id_key" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE INDEX "evc_aggregate_outbox_pending_idx" ON "evc_aggregate_outbox" USING btree ("published_at","position");