#include "libpq.hpp"

#include <dlfcn.h>

#include <string>

#include "mpadvisor/casebase/error.hpp"

namespace mpadvisor::casebase::pg {
namespace {

constexpr const char* kLibrary = "libpq.so.5";  // the SONAME Debian's libpq5 installs

Libpq load() {
  void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    throw Error(Errc::database, std::string("PostgreSQL's client library could not be loaded (") +
                                    (why != nullptr ? why : kLibrary) +
                                    "); install it (Debian: libpq5) to use a postgresql:// case base");
  }
  Libpq api;
  auto bind = [library](auto& function, const char* name) {
    void* symbol = dlsym(library, name);
    if (symbol == nullptr)
      throw Error(Errc::database, std::string(kLibrary) + " has no " + name + ": it is older than mpadvisor needs");
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(symbol);
  };
  bind(api.connectdb, "PQconnectdb");
  bind(api.finish, "PQfinish");
  bind(api.status, "PQstatus");
  bind(api.error_message, "PQerrorMessage");
  bind(api.set_notice_processor, "PQsetNoticeProcessor");
  bind(api.exec, "PQexec");
  bind(api.exec_params, "PQexecParams");
  bind(api.prepare, "PQprepare");
  bind(api.exec_prepared, "PQexecPrepared");
  bind(api.result_status, "PQresultStatus");
  bind(api.result_error_message, "PQresultErrorMessage");
  bind(api.result_error_field, "PQresultErrorField");
  bind(api.clear, "PQclear");
  bind(api.ntuples, "PQntuples");
  bind(api.getvalue, "PQgetvalue");
  bind(api.getlength, "PQgetlength");
  bind(api.getisnull, "PQgetisnull");
  return api;  // the library stays loaded for the process's life
}

}  // namespace

const Libpq& libpq() {
  static const Libpq api = load();
  return api;
}

}  // namespace mpadvisor::casebase::pg
