-- An organisation's logo: the stored file (under the uploads folder, never under the uploader's
-- name), its checked media type, size and hash; and whether the public directory may show it.
ALTER TABLE "organisations" ADD COLUMN "logo_path" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "logo_media_type" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "logo_size" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "logo_sha256" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "publishes_logo" boolean DEFAULT false NOT NULL;
