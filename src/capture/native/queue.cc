// The chunk queue between the capture thread and JavaScript: records are appended to the
// thread's chunk, chunks handed over filled, given back empty. mu_ guards the lists; a
// chunk is only ever written by the thread that owns it and read by JavaScript after.
#include <endian.h>
#include <sys/mman.h>

#include <cstring>

#include "session.h"

namespace pcapdump {

namespace {

// Free chunks kept warm (pages resident) for a steady stream; the others give theirs back.
constexpr size_t kWarmChunks = 2;

void putLE32(uint8_t* at, uint32_t v) {
  v = htole32(v);
  std::memcpy(at, &v, 4);
}

}  // namespace

void Session::OnPacket(u_char* user, const struct pcap_pkthdr* h, const u_char* bytes) {
  reinterpret_cast<Session*>(user)->Append(h, bytes);
}

void Session::Append(const struct pcap_pkthdr* h, const u_char* bytes) {
  uint32_t caplen = h->caplen;
  if (caplen > static_cast<uint32_t>(snapshot_)) caplen = snapshot_;
  const size_t need = kRecordHeader + caplen;
  if (cur_ < 0 || curUsed_ + need > chunkBytes_) {
    if (!NextChunk(need)) {
      // No chunk free: keep this one record and stop reading, so that the kernel ring
      // holds the rest until JavaScript gives a chunk back (it counts what it must drop).
      if (heldUsed_ > 0 || need > kHeldBytes) {
        queueDrops_.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      uint8_t* o = held_.get();
      putLE32(o, static_cast<uint32_t>(h->ts.tv_sec));
      putLE32(o + 4, static_cast<uint32_t>(nano_ ? h->ts.tv_usec : h->ts.tv_usec * 1000));
      putLE32(o + 8, caplen);
      putLE32(o + 12, h->len);
      std::memcpy(o + kRecordHeader, bytes, caplen);
      heldUsed_ = need;
      pcap_breakloop(p_);
      return;
    }
  }
  uint8_t* o = chunks_[cur_] + curUsed_;
  putLE32(o, static_cast<uint32_t>(h->ts.tv_sec));
  putLE32(o + 4, static_cast<uint32_t>(nano_ ? h->ts.tv_usec : h->ts.tv_usec * 1000));
  putLE32(o + 8, caplen);
  putLE32(o + 12, h->len);
  std::memcpy(o + kRecordHeader, bytes, caplen);
  curUsed_ += need;
}

// Hands the current chunk over (when it holds anything) and takes another: the chunk last
// handed over if JavaScript has not taken it yet and it has room (so a stalled JavaScript
// finds full chunks, not one per wake-up), else a free one.
bool Session::NextChunk(size_t need) {
  bool handed = false;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (cur_ >= 0) {
      if (curUsed_ > 0) {
        filled_.emplace_back(cur_, curUsed_);
        handed = true;
      } else {
        free_.push_back(cur_);
      }
      cur_ = -1;
      curUsed_ = 0;
    } else if (!filled_.empty() && filled_.back().second + need <= chunkBytes_) {
      cur_ = filled_.back().first;
      curUsed_ = filled_.back().second;
      filled_.pop_back();
      return true;
    }
    if (!free_.empty()) {
      cur_ = free_.back();
      free_.pop_back();
      touched_[cur_] = true;
    }
  }
  if (handed) notify_();
  return cur_ >= 0;
}

// A partly filled chunk goes to JavaScript at once when it is waiting for one; while it is
// still busy with earlier chunks, records gather here and go as one larger batch.
void Session::Publish(bool force) {
  if (cur_ < 0 || curUsed_ == 0) return;
  bool handed = false;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (force || filled_.empty()) {
      filled_.emplace_back(cur_, curUsed_);
      cur_ = -1;
      curUsed_ = 0;
      handed = true;
    } else {
      wantPartial_.store(true);
    }
  }
  if (handed) notify_();
}

bool Session::TakeFilled(int* index, size_t* used) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> g(mu_);
    if (!filled_.empty()) {
      *index = filled_.front().first;
      *used = filled_.front().second;
      filled_.pop_front();
      return true;
    }
    wake = wantPartial_.exchange(false);
  }
  if (wake) Wake();
  return false;
}

void Session::Return(int index) {
  bool wake;
  {
    std::lock_guard<std::mutex> g(mu_);
    wake = free_.empty();
    free_.push_back(index);
    // Free chunks are reused last-in first-out, so in a steady stream two or three cycle and
    // the rest stay untouched. Those a stall filled give their pages back here, the least
    // recently used one per return (under the lock: the thread cannot take it meanwhile).
    if (free_.size() > kWarmChunks && touched_[free_.front()]) {
      madvise(chunks_[free_.front()], chunkBytes_, MADV_DONTNEED);
      touched_[free_.front()] = false;
    }
  }
  // The thread may be waiting for a chunk (it held a record back).
  if (wake) Wake();
}

bool Session::Ended(std::string* error) {
  std::lock_guard<std::mutex> g(mu_);
  if (!threadDone_ || !filled_.empty()) return false;
  *error = error_;
  return true;
}

}  // namespace pcapdump
