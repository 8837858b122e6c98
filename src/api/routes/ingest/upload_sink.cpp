#include "api/routes/ingest/upload_sink.hpp"

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"

namespace fg::api {

Result<std::unique_ptr<IBodySink>> UploadSink::begin(RequestContext& ctx, uploads::UploadRequest request,
                                                     const uploads::UploadService& service, int max_pending) {
  FG_ASSIGN_OR_RETURN(uploads::UploadDraft draft, service.begin(ctx.scope(), std::move(request), max_pending));
  std::unique_ptr<IBodySink> sink = std::make_unique<UploadSink>(service, std::move(draft));
  return sink;
}

UploadSink::UploadSink(const uploads::UploadService& service, uploads::UploadDraft draft) : service_(service) {
  draft_.emplace(std::move(draft));
}

Status UploadSink::write(std::string_view piece) {
  if (!draft_) return internal_error("uploads: the upload is closed");
  return draft_->append(piece);
}

Result<HttpResponse> UploadSink::finish(RequestContext& ctx) {
  if (!draft_) return internal_error("uploads: the upload is closed");
  uploads::UploadDraft draft = std::move(*draft_);
  draft_.reset();
  FG_ASSIGN_OR_RETURN(uploads::AcceptedUpload accepted, service_.accept(ctx.scope(), std::move(draft), ctx.origin()));
  return HttpResponse::json_value(
      202, nlohmann::json{{"job_id", accepted.job_id.to_string()}, {"upload_id", accepted.upload_id.to_string()}});
}

}  // namespace fg::api
