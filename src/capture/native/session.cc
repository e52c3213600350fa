#include "session.h"

#include <endian.h>
#include <net/if.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace pcapdump {

namespace {

constexpr int kIdlePollMs = 100;
constexpr int kThreadNice = -10;
constexpr auto kStatsEvery = std::chrono::milliseconds(250);
// After ENETDOWN, how long to wait for the interface to vanish before calling it "down":
// a deleted interface first goes down, and libpcap sees it gone only a little later.
constexpr int kDownSettleMs = 200;

std::mutex& registryLock() {
  static std::mutex* m = new std::mutex;  // never destroyed: used from atexit
  return *m;
}
std::vector<Session*>& registry() {
  static std::vector<Session*>* r = new std::vector<Session*>;
  return *r;
}

// libpcap's status word plus its own detail, on one line (as tcpdump prints them).
std::string activateError(pcap_t* p, int status) {
  std::string detail = pcap_geterr(p);
  if (status == PCAP_ERROR && !detail.empty()) return detail;
  std::string s = pcap_statustostr(status);
  if (!detail.empty() && detail != s) s += " (" + detail + ")";
  return s;
}

std::string oneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// DLT_ values that differ from the LINKTYPE_ values written in capture files.
int linkTypeOf(int dlt) {
  if (dlt == DLT_RAW) return 101;            // LINKTYPE_RAW
  if (dlt == DLT_ATM_RFC1483) return 100;    // LINKTYPE_ATM_RFC1483
  return dlt;
}

}  // namespace

Session::Session(pcap_t* p, const OpenRequest& req) : p_(p), device_(req.device) {}

Session* Session::Open(const OpenRequest& req, std::string* error) {
  char errbuf[PCAP_ERRBUF_SIZE] = {0};
  pcap_t* p = pcap_create(req.device.c_str(), errbuf);
  if (!p) {
    *error = oneLine(errbuf);
    return nullptr;
  }
  int snap = req.snaplen > 0 && req.snaplen < kMaxSnaplen ? req.snaplen : kMaxSnaplen;
  pcap_set_snaplen(p, snap);
  pcap_set_promisc(p, req.promiscuous ? 1 : 0);
  pcap_set_timeout(p, req.timeoutMs > 0 ? req.timeoutMs : 1);
  if (req.bufferBytes > 0) pcap_set_buffer_size(p, req.bufferBytes);
  // Where the kernel cannot give nanoseconds this fails and the handle stays at microseconds.
  pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
  int status = pcap_activate(p);
  if (status < 0) {
    *error = oneLine(activateError(p, status));
    pcap_close(p);
    return nullptr;
  }
  // Our own loop polls the socket, so that it can also watch for stop and for a chunk
  // coming back, and sees ENETDOWN between reads.
  if (pcap_setnonblock(p, 1, errbuf) < 0) {
    *error = oneLine(errbuf);
    pcap_close(p);
    return nullptr;
  }
  if (!req.filter.empty()) {
    bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
    if (req.device == "any" || pcap_lookupnet(req.device.c_str(), &net, &mask, errbuf) < 0) mask = PCAP_NETMASK_UNKNOWN;
    struct bpf_program prog;
    if (pcap_compile(p, &prog, req.filter.c_str(), 1, mask) < 0 || pcap_setfilter(p, &prog) < 0) {
      *error = oneLine(pcap_geterr(p));
      pcap_close(p);
      return nullptr;
    }
    pcap_freecode(&prog);
  }
  Session* s = new Session(p, req);
  s->linkType_ = linkTypeOf(pcap_datalink(p));
  s->snapshot_ = pcap_snapshot(p);
  s->nano_ = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;
  s->wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s->wakeFd_ < 0) {
    *error = std::string("eventfd: ") + std::strerror(errno);
    delete s;
    return nullptr;
  }
  return s;
}

Session::~Session() {
  Stop();
}

void Session::Start(std::vector<uint8_t*> chunks, size_t chunkBytes, std::function<void()> notify) {
  chunks_ = std::move(chunks);
  chunkBytes_ = chunkBytes;
  notify_ = std::move(notify);
  held_.reset(new uint8_t[kHeldBytes]);  // uninitialised: untouched unless ever needed
  for (int i = static_cast<int>(chunks_.size()) - 1; i >= 0; i--) free_.push_back(i);
  touched_.assign(chunks_.size(), false);
  {
    std::lock_guard<std::mutex> g(registryLock());
    registry().push_back(this);
  }
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void Session::Wake() {
  uint64_t one = 1;
  ssize_t n = write(wakeFd_, &one, sizeof one);
  (void)n;  // EAGAIN: the counter is already non-zero, the thread wakes anyway
}

void Session::ReadStats() {
  struct pcap_stat st;
  if (pcap_stats(p_, &st) != 0) return;
  kernelDrops_.store(st.ps_drop, std::memory_order_relaxed);
  ifDrops_.store(st.ps_ifdrop, std::memory_order_relaxed);
  kernelSeen_.store(st.ps_recv, std::memory_order_relaxed);
}

Counters Session::counters() const {
  return {kernelDrops_.load(std::memory_order_relaxed), ifDrops_.load(std::memory_order_relaxed), kernelSeen_.load(std::memory_order_relaxed)};
}

// libpcap saw ENETDOWN (it then asks select loops for a short timeout): the interface was
// taken down or is being deleted. Waits a little to tell which; false if it came back up.
bool Session::CheckDown(std::string* reason) {
  if (pcap_get_required_select_timeout(p_) == nullptr) return false;
  struct pollfd wake = {wakeFd_, POLLIN, 0};
  for (int waited = 0; waited < kDownSettleMs && !stopping_.load(); waited += 10) {
    if (if_nametoindex(device_.c_str()) == 0) break;
    int n = pcap_dispatch(p_, -1, OnPacket, reinterpret_cast<u_char*>(this));
    if (n == PCAP_ERROR) break;  // "The interface disappeared"
    if (pcap_get_required_select_timeout(p_) == nullptr) return false;
    poll(&wake, 1, 10);
  }
  if (stopping_.load()) return false;
  *reason = "interface " + device_ + (if_nametoindex(device_.c_str()) == 0 ? " disappeared" : " went down");
  return true;
}

// A record was held back for want of a chunk: waits for one (or stop), then stores it.
bool Session::WaitForChunk() {
  if (!NextChunk(heldUsed_)) {
    struct pollfd wake = {wakeFd_, POLLIN, 0};
    if (poll(&wake, 1, kIdlePollMs) > 0) {
      uint64_t v;
      ssize_t n = read(wakeFd_, &v, sizeof v);
      (void)n;
    }
    return false;
  }
  std::memcpy(chunks_[cur_] + curUsed_, held_.get(), heldUsed_);  // NextChunk made room for it
  curUsed_ += heldUsed_;
  heldUsed_ = 0;
  return true;
}

void Session::Run() {
  // At a low rate each TPACKET_V3 block holds one block timeout of traffic, so the kernel ring
  // lasts (blocks x timeout) if this thread is kept waiting: on a busy machine let it run
  // ahead of ordinary work. It does little (copies), so it takes little. Not allowed
  // (not root or no CAP_SYS_NICE): it runs at the default priority.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kThreadNice);
  struct pollfd fds[2] = {{pcap_get_selectable_fd(p_), POLLIN, 0}, {wakeFd_, POLLIN, 0}};
  auto statsAt = std::chrono::steady_clock::now();
  std::string failure;
  while (!stopping_.load()) {
    auto now = std::chrono::steady_clock::now();
    if (now - statsAt >= kStatsEvery) {
      ReadStats();
      statsAt = now;
    }
    if (heldUsed_ > 0 && !WaitForChunk()) continue;
    int n = pcap_dispatch(p_, -1, OnPacket, reinterpret_cast<u_char*>(this));
    if (n == PCAP_ERROR) {
      std::string text = oneLine(pcap_geterr(p_));
      failure = text == "The interface disappeared" ? "interface " + device_ + " disappeared" : device_ + ": " + text;
      break;
    }
    if (n != PCAP_ERROR_BREAK && CheckDown(&failure)) break;
    Publish(false);
    if (n > 0 || n == PCAP_ERROR_BREAK) continue;
    fds[0].revents = fds[1].revents = 0;
    if (poll(fds, 2, kIdlePollMs) > 0 && (fds[1].revents & POLLIN)) {
      uint64_t v;
      ssize_t r = read(wakeFd_, &v, sizeof v);
      (void)r;
    }
  }
  ReadStats();
  if (failure.empty()) return;
  Publish(true);
  {
    std::lock_guard<std::mutex> g(mu_);
    error_ = failure;
    threadDone_ = true;
  }
  notify_();
}

void Session::Stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard<std::mutex> g(registryLock());
    auto& r = registry();
    r.erase(std::remove(r.begin(), r.end(), this), r.end());
  }
  if (started_ && thread_.joinable()) {
    stopping_.store(true);
    Wake();
    thread_.join();
  }
  if (p_) {
    ReadStats();
    pcap_close(p_);
    p_ = nullptr;
  }
  // The chunks stay mapped until JavaScript collects their Buffers; their pages go back now.
  for (size_t i = 0; i < chunks_.size() && i < touched_.size(); i++) {
    if (touched_[i]) madvise(chunks_[i], chunkBytes_, MADV_DONTNEED);
    touched_[i] = false;
  }
  if (wakeFd_ >= 0) close(wakeFd_);
  wakeFd_ = -1;
}

void Session::StopAll() {
  std::lock_guard<std::mutex> g(registryLock());
  for (Session* s : registry()) {
    if (!s->thread_.joinable()) continue;
    s->stopping_.store(true);
    s->Wake();
    s->thread_.join();
  }
  registry().clear();
}

}  // namespace pcapdump
