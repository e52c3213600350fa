// N-API face of Session: `new Capture(options, onRecords, onEnd)`, `devices()`.
// The chunks a capture fills are external JavaScript Buffers over memory of our own, made
// once at start and kept by reference: JavaScript always gets memory it may hold (it is
// unmapped only when the last Buffer is collected), one call per batch, and the memory is
// neither counted as V8's (no GC pressure from an idle queue) nor touched until used.
#include <napi.h>
#include <sys/mman.h>
#include <uv.h>

#include <cstdlib>
#include <memory>
#include <set>

#include "session.h"

namespace pcapdump {
namespace {

// More than one record at libpcap's largest snaplen (16 + 262144 bytes); a few thousand
// small packets, so a batch is still large when JavaScript is busy.
constexpr size_t kChunkBytes = 512 * 1024;

class Capture;

// The captures of one JavaScript environment. At its teardown (a worker ending) Node waits
// for the async cleanup hook, which stops them all and returns once libuv has run their
// handles' close callbacks: the library may be unloaded right after.
struct EnvCaptures {
  std::set<Capture*> live;
  int closing = 0;  // handles whose close callback has not run yet
  napi_async_cleanup_hook_handle hook = nullptr;
  bool tearingDown = false;

  void MaybeDone() {
    if (!tearingDown || closing > 0 || !live.empty()) return;
    napi_remove_async_cleanup_hook(hook);
    delete this;
  }
};

// The wake-up handle, and whom to tell when it is closed.
struct Wakeup {
  uv_async_t handle;
  EnvCaptures* env;
};

class Capture : public Napi::ObjectWrap<Capture> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Capture",
                       {InstanceMethod<&Capture::Stop>("stop"), InstanceMethod<&Capture::Stats>("stats"),
                        InstanceAccessor<&Capture::LinkType>("linkType"),
                        InstanceAccessor<&Capture::Nanosecond>("nanosecond"),
                        InstanceAccessor<&Capture::Snapshot>("snapshot")});
  }

  // new Capture({device, filter, snaplen, promiscuous, bufferBytes, timeoutMs, queueBytes}, onRecords(buf, end), onEnd(error))
  explicit Capture(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Capture>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 3 || !info[0].IsObject() || !info[1].IsFunction() || !info[2].IsFunction()) {
      Napi::TypeError::New(env, "Capture(options, onRecords, onEnd)").ThrowAsJavaScriptException();
      return;
    }
    Napi::Object o = info[0].As<Napi::Object>();
    OpenRequest req;
    Napi::Value device = o.Get("device");
    if (!device.IsString()) {
      Napi::TypeError::New(env, "options.device must be a string").ThrowAsJavaScriptException();
      return;
    }
    req.device = device.As<Napi::String>().Utf8Value();
    if (o.Get("filter").IsString()) req.filter = o.Get("filter").As<Napi::String>().Utf8Value();
    req.snaplen = intOption(o, "snaplen", 0);
    req.promiscuous = o.Get("promiscuous").ToBoolean().Value();
    req.bufferBytes = intOption(o, "bufferBytes", req.bufferBytes);
    req.timeoutMs = intOption(o, "timeoutMs", req.timeoutMs);
    int queueBytes = intOption(o, "queueBytes", 8 * 1024 * 1024);

    std::string error;
    session_.reset(Session::Open(req, &error));
    if (!session_) {
      Napi::Error::New(env, error).ThrowAsJavaScriptException();
      return;
    }
    size_t n = std::max<size_t>(2, (static_cast<size_t>(queueBytes) + kChunkBytes - 1) / kChunkBytes);
    std::vector<uint8_t*> raw;
    for (size_t i = 0; i < n; i++) {
      // Page-aligned and untouched: resident only once records land in it (and Session
      // gives long-unused chunks' pages back).
      void* mem = mmap(nullptr, kChunkBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mem == MAP_FAILED) {
        session_.reset();
        Napi::Error::New(env, "cannot map the capture queue").ThrowAsJavaScriptException();
        return;
      }
      Napi::Buffer<uint8_t> b = Napi::Buffer<uint8_t>::New(env, static_cast<uint8_t*>(mem), kChunkBytes, [](Napi::Env, uint8_t* data) { munmap(data, kChunkBytes); });
      if (env.IsExceptionPending()) {
        munmap(mem, kChunkBytes);
        session_.reset();
        return;
      }
      raw.push_back(static_cast<uint8_t*>(mem));
      chunks_.push_back(Napi::Persistent(b));
    }
    onRecords_ = Napi::Persistent(info[1].As<Napi::Function>());
    onEnd_ = Napi::Persistent(info[2].As<Napi::Function>());
    context_ = std::make_unique<Napi::AsyncContext>(env, "pcapdump.capture", Value());
    uv_loop_t* loop = nullptr;
    napi_get_uv_event_loop(env, &loop);
    env_ = env.GetInstanceData<EnvCaptures>();
    env_->live.insert(this);
    async_ = new Wakeup{{}, env_};
    uv_async_init(loop, &async_->handle, &Capture::OnAsync);
    async_->handle.data = this;
    Ref();  // not collected while its thread runs
    uv_async_t* a = &async_->handle;
    session_->Start(std::move(raw), kChunkBytes, [a] { uv_async_send(a); });
  }

  ~Capture() override { Close(); }

  // Stops the thread and frees what the capture holds; no JavaScript is called.
  void Close() {
    if (closed_) return;
    closed_ = true;
    if (session_) session_->Stop();
    if (async_) {
      async_->handle.data = nullptr;
      async_->env->closing++;
      uv_close(reinterpret_cast<uv_handle_t*>(&async_->handle), [](uv_handle_t* h) {
        Wakeup* w = reinterpret_cast<Wakeup*>(h);  // handle is its first member
        EnvCaptures* env = w->env;
        delete w;
        env->closing--;
        env->MaybeDone();
      });
      async_ = nullptr;
      Unref();
    }
    chunks_.clear();
    onRecords_.Reset();
    onEnd_.Reset();
    context_.reset();
    if (env_) {
      env_->live.erase(this);
      env_->MaybeDone();
    }
    env_ = nullptr;
  }

 private:
  static int intOption(Napi::Object o, const char* key, int fallback) {
    Napi::Value v = o.Get(key);
    if (!v.IsNumber()) return fallback;
    double d = v.As<Napi::Number>().DoubleValue();
    if (!(d >= 0) || d > 1e9) return fallback;
    return static_cast<int>(d);
  }

  static void OnAsync(uv_async_t* h) {
    if (h->data) static_cast<Capture*>(h->data)->Drain();
  }

  // On the JavaScript thread: every filled chunk to onRecords, then the end if it came.
  void Drain() {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    int index;
    size_t used;
    while (!closed_ && session_->TakeFilled(&index, &used)) {
      if (static_cast<size_t>(index) >= chunks_.size() || used > kChunkBytes) std::abort();  // cannot happen
      napi_value argv[2] = {chunks_[index].Value(), Napi::Number::New(env, static_cast<double>(used))};
      bool ok = Call(env, onRecords_, *context_, argv, 2);
      if (closed_) return;  // stopped from the callback (count reached)
      session_->Return(index);
      if (!ok) return;
    }
    std::string error;
    if (closed_ || !session_->Ended(&error)) return;
    Napi::FunctionReference onEnd = std::move(onEnd_);
    std::unique_ptr<Napi::AsyncContext> context = std::move(context_);
    Close();
    napi_value argv[1] = {Napi::String::New(env, error)};
    Call(env, onEnd, *context, argv, 1);
  }

  // MakeCallback (microtasks and ticks run after it). A throw becomes the process's uncaught
  // exception, as for any event; false also when the environment is being torn down (a
  // worker terminated) and runs no JavaScript any more.
  bool Call(Napi::Env env, const Napi::FunctionReference& fn, const Napi::AsyncContext& context, napi_value* argv, size_t argc) {
    napi_value result;
    if (napi_make_callback(env, context, Value(), fn.Value(), argc, argv, &result) == napi_ok) return true;
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
      napi_value e;
      if (napi_get_and_clear_last_exception(env, &e) == napi_ok) napi_fatal_exception(env, e);
    }
    return false;
  }

  Napi::Value Stop(const Napi::CallbackInfo& info) {
    Close();
    return info.Env().Undefined();
  }

  // Counters are final once stopped.
  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object o = Napi::Object::New(env);
    Counters c = session_ ? session_->counters() : Counters{0, 0, 0};
    o.Set("kernelDrops", static_cast<double>(c.kernelDrops));
    o.Set("ifDrops", static_cast<double>(c.ifDrops));
    o.Set("kernelSeen", static_cast<double>(c.kernelSeen));
    o.Set("queueDrops", static_cast<double>(session_ ? session_->queueDrops() : 0));
    return o;
  }

  Napi::Value LinkType(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), session_ ? session_->linkType() : 0);
  }
  Napi::Value Nanosecond(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), session_ && session_->nanosecond());
  }
  Napi::Value Snapshot(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), session_ ? session_->snapshot() : 0);
  }

  std::unique_ptr<Session> session_;
  std::vector<Napi::Reference<Napi::Buffer<uint8_t>>> chunks_;
  Napi::FunctionReference onRecords_, onEnd_;
  std::unique_ptr<Napi::AsyncContext> context_;
  Wakeup* async_ = nullptr;
  EnvCaptures* env_ = nullptr;
  bool closed_ = false;
};

// [{name, description, flags}] as pcap_findalldevs lists them; throws libpcap's message.
Napi::Value Devices(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  pcap_if_t* all = nullptr;
  if (pcap_findalldevs(&all, errbuf) < 0) {
    Napi::Error::New(env, errbuf).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Array list = Napi::Array::New(env);
  uint32_t i = 0;
  for (pcap_if_t* d = all; d; d = d->next) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", d->name ? d->name : "");
    o.Set("description", d->description ? d->description : "");
    o.Set("flags", static_cast<double>(d->flags));
    list.Set(i++, o);
  }
  pcap_freealldevs(all);
  return list;
}

Napi::Value LibraryVersion(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), pcap_lib_version());
}

void KeepCaptures(Napi::Env, EnvCaptures*) {}

void StopAllAtExit() {
  Session::StopAll();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  static bool atExit = false;
  if (!atExit) {
    // process.exit() runs no environment cleanup: threads must not outlive the process's own teardown.
    atExit = true;
    std::atexit(StopAllAtExit);
  }
  auto* captures = new EnvCaptures;
  env.SetInstanceData<EnvCaptures, KeepCaptures>(captures);  // freed by MaybeDone
  napi_add_async_cleanup_hook(
      env,
      [](napi_async_cleanup_hook_handle hook, void* arg) {
        auto* captures = static_cast<EnvCaptures*>(arg);
        captures->hook = hook;
        captures->tearingDown = true;
        std::set<Capture*> live = captures->live;
        for (Capture* c : live) c->Close();
        if (live.empty()) captures->MaybeDone();
      },
      captures, nullptr);
  exports.Set("Capture", Capture::Define(env));
  exports.Set("devices", Napi::Function::New(env, Devices));
  exports.Set("libraryVersion", Napi::Function::New(env, LibraryVersion));
  return exports;
}

}  // namespace
}  // namespace pcapdump

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  return pcapdump::Init(env, exports);
}

NODE_API_MODULE(pcapdump_capture, InitModule)
