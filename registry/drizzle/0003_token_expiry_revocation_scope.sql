ALTER TABLE "evc_tokens" ADD COLUMN "revoked_by" text;--> statement-breakpoint
ALTER TABLE "evc_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evc_tokens" ADD COLUMN "scope" jsonb;