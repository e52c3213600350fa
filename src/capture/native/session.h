// One live capture: a libpcap handle read by its own thread into a bounded queue of
// chunks holding classic-pcap records (16-byte little-endian header with nanoseconds,
// then the data). No N-API here: addon.cc owns the chunks' memory and the JS side.
#pragma once

#include <pcap/pcap.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pcapdump {

constexpr size_t kRecordHeader = 16;
constexpr int kMaxSnaplen = 262144;  // libpcap's MAXIMUM_SNAPLEN
constexpr size_t kHeldBytes = kRecordHeader + kMaxSnaplen;

struct OpenRequest {
  std::string device;
  std::string filter;  // libpcap filter text; empty for everything
  int snaplen = 0;     // 0: libpcap's maximum
  bool promiscuous = false;
  int bufferBytes = 2 * 1024 * 1024;
  int timeoutMs = 20;  // TPACKET_V3 block timeout: how long a packet may wait in a partly filled block
};

struct Counters {
  uint64_t kernelDrops;  // pcap_stats ps_drop: the kernel ring was full
  uint64_t ifDrops;      // pcap_stats ps_ifdrop: the interface dropped before the tap
  uint64_t kernelSeen;   // pcap_stats ps_recv
};

class Session {
 public:
  // Creates, configures and activates the handle and installs the filter; on failure
  // returns nullptr and sets *error to one line.
  static Session* Open(const OpenRequest& req, std::string* error);
  ~Session();

  int linkType() const { return linkType_; }
  bool nanosecond() const { return nano_; }
  int snapshot() const { return snapshot_; }

  // Starts the capture thread. chunks[i] are chunkBytes each, page-aligned (idle ones get
  // their pages given back with madvise), and stay valid until Stop()
  // returns; notify() is called from the capture thread when a chunk is ready or the
  // capture ended by itself (it must be safe to call from any thread).
  void Start(std::vector<uint8_t*> chunks, size_t chunkBytes, std::function<void()> notify);

  // JS side: the oldest filled chunk, if any; give it back with Return() when done with it.
  bool TakeFilled(int* index, size_t* used);
  void Return(int index);

  // The thread ended by itself (error) and every chunk it filled has been taken.
  bool Ended(std::string* error);

  // Joins the thread and closes the handle; idempotent. Counters stay readable.
  void Stop();

  Counters counters() const;
  uint64_t queueDrops() const { return queueDrops_.load(std::memory_order_relaxed); }

  // Stops every running session: for the process's exit.
  static void StopAll();

 private:
  Session(pcap_t* p, const OpenRequest& req);
  void Run();
  static void OnPacket(u_char* user, const struct pcap_pkthdr* h, const u_char* bytes);
  void Append(const struct pcap_pkthdr* h, const u_char* bytes);
  bool NextChunk(size_t need);
  void Publish(bool force);
  void Wake();
  void ReadStats();
  bool CheckDown(std::string* reason);
  bool WaitForChunk();

  pcap_t* p_;
  std::string device_;
  int linkType_ = 0;
  int snapshot_ = 0;
  bool nano_ = false;

  std::vector<uint8_t*> chunks_;
  size_t chunkBytes_ = 0;
  std::function<void()> notify_;
  std::thread thread_;
  int wakeFd_ = -1;
  std::atomic<bool> stopping_{false};
  bool started_ = false;
  bool stopped_ = false;

  // Thread-only: the chunk being filled, and a record held back when no chunk was free.
  int cur_ = -1;
  size_t curUsed_ = 0;
  std::unique_ptr<uint8_t[]> held_;
  size_t heldUsed_ = 0;

  mutable std::mutex mu_;
  std::deque<std::pair<int, size_t>> filled_;  // guarded by mu_
  std::vector<int> free_;                      // guarded by mu_; used last-in first-out
  std::vector<bool> touched_;                  // guarded by mu_: pages resident since last given back
  bool threadDone_ = false;                    // guarded by mu_
  std::string error_;                          // guarded by mu_
  std::atomic<bool> wantPartial_{false};

  std::atomic<uint64_t> kernelDrops_{0}, ifDrops_{0}, kernelSeen_{0}, queueDrops_{0};
};

}  // namespace pcapdump
